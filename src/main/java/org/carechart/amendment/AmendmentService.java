package org.carechart.amendment;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.AccessDecision;
import org.carechart.access.AccessPolicy;
import org.carechart.access.Action;
import org.carechart.access.DataCategory;
import org.carechart.amendment.api.AmendmentDecisionInput;
import org.carechart.amendment.api.AmendmentRequestInput;
import org.carechart.amendment.api.AmendmentView;
import org.carechart.audit.AuditAction;
import org.carechart.audit.AuditEntry;
import org.carechart.audit.AuditService;
import org.carechart.chart.ChartService;
import org.carechart.chart.api.ChartEntryInput;
import org.carechart.common.Cursor;
import org.carechart.common.Page;
import org.carechart.common.Problem;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;
import org.carechart.identity.Caller;
import org.carechart.notification.EventDraft;
import org.carechart.notification.EventKind;
import org.carechart.notification.Events;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The HIPAA right to amend (45 CFR 164.526): the patient or a proxy asks for a correction of one
 * entry; records staff accept it (a new version of the entry citing the request, written through
 * the chart) or deny it in writing; after a denial the patient may file a statement of disagreement,
 * which stays linked to the entry and shows in its history.
 */
@ApplicationScoped
public class AmendmentService {

    static final String RESOURCE = "amendment";
    /** 164.526(b)(2): act on a request no later than 60 days after receipt. */
    static final Duration DUE_AFTER = Duration.ofDays(60);
    static final int TEXT_MAX = 5_000;

    @Inject
    AmendmentRepository repository;

    @Inject
    AccessPolicy accessPolicy;

    @Inject
    AuditService audit;

    @Inject
    Events events;

    @Inject
    ChartService chart;

    Clock clock = Clock.systemUTC();

    @WithTransaction
    public Uni<AmendmentView> request(Caller caller, UUID patientId, AmendmentRequestInput input) {
        return accessPolicy.authorize(caller, Action.REQUEST_AMENDMENT, patientId, null, RESOURCE, null).chain(decision -> {
            List<Problem.FieldError> errors = new ArrayList<>();
            if (input == null || input.entryId() == null) errors.add(new Problem.FieldError("entryId", "is required"));
            text(errors, "reason", input == null ? null : input.reason());
            fail(errors);
            return chart.visibleEntry(decision, patientId, input.entryId()).chain(entry -> {
                if (entry.isEmpty()) {
                    throw ProblemException.invalid("entryId", "is not an entry of this chart");
                }
                if ("entered-in-error".equals(entry.get().status())) {
                    throw ProblemException.conflict("The entry is retracted; there is nothing to amend.");
                }
                UUID id = UUID.randomUUID();
                Instant now = now();
                return repository.insert(id, patientId, input.entryId(), caller.accountId(), caller.displayName(), now,
                                now.plus(DUE_AFTER), input.reason())
                        .chain(() -> audit.record(AuditEntry.success(caller, AuditAction.CREATE, patientId,
                                decision.basis().code(), RESOURCE, id.toString())))
                        .chain(() -> repository.find(patientId, id))
                        .map(row -> view(row.orElseThrow()));
            });
        });
    }

    @WithTransaction
    public Uni<Page<AmendmentView>> list(Caller caller, UUID patientId, Cursor after, int limit) {
        return accessPolicy.authorize(caller, Action.READ, patientId, null, RESOURCE, null)
                .chain(decision -> repository.list(patientId, decision.visibility(), after, limit + 1)
                        .call(rows -> audit.record(AuditEntry.success(caller, AuditAction.SEARCH, patientId,
                                decision.basis().code(), RESOURCE, null))))
                .map(rows -> {
                    List<AmendmentRow> items = rows.size() > limit ? rows.subList(0, limit) : rows;
                    String next = rows.size() > limit
                            ? new Cursor(items.get(items.size() - 1).requestedAt(), items.get(items.size() - 1).id()).encode()
                            : null;
                    return new Page<>(items.stream().map(AmendmentService::view).toList(), next);
                });
    }

    @WithTransaction
    public Uni<AmendmentView> get(Caller caller, UUID patientId, UUID id) {
        return accessPolicy.authorize(caller, Action.READ, patientId, null, RESOURCE, id.toString())
                .chain(decision -> repository.find(patientId, id).map(row -> row
                                .filter(r -> visibleUnder(decision, r))
                                .orElseThrow(ProblemException::notFound))
                        .call(row -> audit.record(AuditEntry.success(caller, AuditAction.READ, patientId,
                                decision.basis().code(), RESOURCE, id.toString()))))
                .map(AmendmentService::view);
    }

    /** Accept (a new version of the entry citing this request) or deny with a reason; the patient is notified. */
    @WithTransaction
    public Uni<AmendmentView> decide(Caller caller, UUID patientId, UUID id, AmendmentDecisionInput input) {
        return accessPolicy.authorize(caller, Action.DECIDE_AMENDMENT, patientId, null, RESOURCE, id.toString()).chain(decision -> {
            List<Problem.FieldError> errors = new ArrayList<>();
            String verdict = input == null ? null : input.decision();
            if (!"accept".equals(verdict) && !"deny".equals(verdict)) {
                errors.add(new Problem.FieldError("decision", "must be accept or deny"));
            }
            text(errors, "reason", input == null ? null : input.reason());
            if ("accept".equals(verdict) && input.correction() == null) {
                errors.add(new Problem.FieldError("correction", "is required to accept: the corrected entry"));
            }
            fail(errors);
            return repository.find(patientId, id).chain(found -> {
                AmendmentRow request = found.orElseThrow(ProblemException::notFound);
                if (!"requested".equals(request.status())) {
                    throw ProblemException.conflict("This request has already been decided.");
                }
                Instant now = now();
                Uni<Void> work = "accept".equals(verdict)
                        ? chart.amend(caller, decision.basis().code(), patientId, request.entryId(),
                        withReason(input.correction(), input.reason()), id).replaceWithVoid()
                        : Uni.createFrom().voidItem();
                String status = "accept".equals(verdict) ? "accepted" : "denied";
                // Whoever may not see the entry (a parent of a teenager, for a sensitive one) is not told either.
                boolean correctionSensitive = "accept".equals(verdict) && Boolean.TRUE.equals(input.correction().sensitive());
                return work
                        .chain(() -> repository.decide(id, status, caller.accountId(), caller.displayName(), now, input.reason()))
                        .invoke(updated -> {
                            if (updated != 1) throw ProblemException.conflict("This request has already been decided.");
                        })
                        .chain(() -> events.publish(new EventDraft(EventKind.AMENDMENT_DECIDED, patientId, RESOURCE,
                                id.toString(), "Your amendment request was decided", caller.accountId(),
                                request.entrySensitive() || correctionSensitive)))
                        .chain(() -> audit.record(AuditEntry.success(caller, AuditAction.UPDATE, patientId,
                                decision.basis().code(), RESOURCE, id.toString())))
                        .chain(() -> repository.find(patientId, id))
                        .map(row -> view(row.orElseThrow()));
            });
        });
    }

    /** The patient's (or proxy's) statement of disagreement with a denial; one per request. */
    @WithTransaction
    public Uni<AmendmentView> disagree(Caller caller, UUID patientId, UUID id, String statement) {
        return accessPolicy.authorize(caller, Action.REQUEST_AMENDMENT, patientId, null, RESOURCE, id.toString()).chain(decision -> {
            List<Problem.FieldError> errors = new ArrayList<>();
            text(errors, "statement", statement);
            fail(errors);
            return repository.find(patientId, id).chain(found -> {
                AmendmentRow request = found.filter(r -> visibleUnder(decision, r))
                        .orElseThrow(ProblemException::notFound);
                if (!"denied".equals(request.status()) || request.disagreement() != null) {
                    throw ProblemException.conflict("A statement of disagreement can be filed once, after a denial.");
                }
                return repository.disagree(id, caller.accountId(), now(), statement)
                        .chain(() -> audit.record(AuditEntry.success(caller, AuditAction.UPDATE, patientId,
                                decision.basis().code(), RESOURCE, id.toString())))
                        .chain(() -> repository.find(patientId, id))
                        .map(row -> view(row.orElseThrow()));
            });
        });
    }

    /**
     * A request is seen only by those who may see the entry it is about: an app granted some
     * categories does not learn of requests about others, a parent of a teenager not of sensitive ones.
     */
    private static boolean visibleUnder(AccessDecision decision, AmendmentRow row) {
        return decision.allowed() && decision.visibility().shows(row.entryCategory(), row.entrySensitive());
    }

    private static ChartEntryInput withReason(ChartEntryInput c, String decisionReason) {
        String reason = c.reason() == null || c.reason().isBlank() ? "Amendment accepted: " + decisionReason : c.reason();
        return new ChartEntryInput(c.category(), c.status(), c.code(), c.effectiveAt(), c.valueQuantity(), c.valueUnit(),
                c.valueText(), c.referenceLow(), c.referenceHigh(), c.interpretation(), c.body(), c.sensitive(),
                reason.length() > 2000 ? reason.substring(0, 2000) : reason);
    }

    private static void text(List<Problem.FieldError> errors, String field, String value) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(field, "is required"));
        } else if (value.length() > TEXT_MAX) {
            errors.add(new Problem.FieldError(field, "is longer than " + TEXT_MAX + " characters"));
        }
    }

    private static void fail(List<Problem.FieldError> errors) {
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The request has invalid fields.", errors);
        }
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static AmendmentView view(AmendmentRow r) {
        return new AmendmentView(r.id(), r.patientId(), r.entryId(), r.status(), r.reason(), r.requestedAt(), r.dueAt(),
                r.requestedByName(), r.decidedAt(), r.decidedByName(), r.decisionReason(), r.entryVersion(),
                r.disagreement(), r.disagreementAt());
    }
}
