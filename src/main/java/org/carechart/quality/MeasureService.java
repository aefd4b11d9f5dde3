package org.carechart.quality;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.AccessPolicy;
import org.carechart.access.AccessPolicy.AggregateScope;
import org.carechart.audit.AuditAction;
import org.carechart.audit.AuditEntry;
import org.carechart.audit.AuditService;
import org.carechart.common.Problem;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;
import org.carechart.identity.Caller;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Evaluating measures: who may ({@link AccessPolicy#aggregateScope}, {@link AccessPolicy#subjectListScope}),
 * counting in SQL ({@link MeasureRepository}), small-cell suppression ({@link Suppression}) and one audit
 * event per evaluation. A summary names no patient, so its audit event has no patient chain; a subject
 * list (records staff) is recorded as a search of their organization's patients.
 */
@ApplicationScoped
public class MeasureService {

    static final String MEASURE_REPORT = "MeasureReport";
    /** The longest period one evaluation may cover (one statement over the chart: keep it bounded). */
    static final long MAX_PERIOD_YEARS = 10;

    @Inject
    MeasureRepository repository;

    @Inject
    AccessPolicy policy;

    @Inject
    AuditService audit;

    @Inject
    QualityConfig config;

    Clock clock = Clock.systemUTC();

    /** The evaluation's parameters, checked. */
    public record Evaluation(Measure measure, LocalDate start, LocalDate end, UUID organization, boolean subjectList) {
    }

    public List<ObjectNode> measures(String base) {
        return Measure.CATALOG.stream().map(m -> MeasureReports.measure(m, base)).toList();
    }

    public ObjectNode measure(String id, String base) {
        return MeasureReports.measure(Measure.byId(id).orElseThrow(ProblemException::notFound), base);
    }

    public ObjectNode bundle(List<ObjectNode> measures, String base) {
        return MeasureReports.bundle(measures, base);
    }

    /** Checks the operation's parameters: 404 for an unknown measure, 400 (field errors) for bad ones. */
    public Evaluation parse(String measureId, String periodStart, String periodEnd, String organization, String reportType) {
        Measure measure = Measure.byId(measureId).orElseThrow(ProblemException::notFound);
        List<Problem.FieldError> errors = new ArrayList<>();
        LocalDate start = date("periodStart", periodStart, errors);
        LocalDate end = date("periodEnd", periodEnd, errors);
        if (start != null && end != null) {
            if (end.isBefore(start)) {
                errors.add(new Problem.FieldError("periodEnd", "must not be before periodStart"));
            } else if (ChronoUnit.YEARS.between(start, end) >= MAX_PERIOD_YEARS) {
                errors.add(new Problem.FieldError("periodEnd", "the period may cover at most " + MAX_PERIOD_YEARS + " years"));
            }
        }
        UUID org = null;
        if (organization != null && !organization.isBlank()) {
            String id = organization.startsWith("Organization/") ? organization.substring("Organization/".length()) : organization;
            try {
                org = UUID.fromString(id);
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("organization", "must be Organization/{id}"));
            }
        }
        boolean subjectList = false;
        if (reportType != null && !reportType.isBlank()) {
            switch (reportType) {
                case "summary", "population" -> subjectList = false;
                case "subject-list" -> subjectList = true;
                default -> errors.add(new Problem.FieldError("reportType", "must be summary or subject-list"));
            }
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The operation's parameters are invalid.", errors);
        }
        return new Evaluation(measure, start, end, org, subjectList);
    }

    private static LocalDate date(String name, String value, List<Problem.FieldError> errors) {
        if (value == null || value.isBlank()) {
            errors.add(new Problem.FieldError(name, "is required (a date, YYYY-MM-DD)"));
            return null;
        }
        try {
            return value.length() == 10 ? LocalDate.parse(value) : OffsetDateTime.parse(value).toLocalDate();
        } catch (DateTimeParseException e) {
            errors.add(new Problem.FieldError(name, "must be a date (YYYY-MM-DD)"));
            return null;
        }
    }

    /** A summary MeasureReport, suppressed; or, for records staff, the subject list of their organization. */
    @WithSession
    public Uni<ObjectNode> evaluate(Caller caller, Evaluation evaluation, String base) {
        Optional<AggregateScope> scope = evaluation.subjectList()
                ? policy.subjectListScope(caller, evaluation.organization())
                : policy.aggregateScope(caller, evaluation.organization());
        if (scope.isEmpty()) {
            AuditEntry denial = AuditEntry.denied(caller, AuditAction.SEARCH, null, MEASURE_REPORT, evaluation.measure().id())
                    .withQuery(query(evaluation, evaluation.organization()));
            return Uni.createFrom().failure(ProblemException.forbidden(evaluation.subjectList()
                            ? "Only records staff see who is in a measure's populations, for their own organization."
                            : "You may not evaluate measures for this organization.")
                    .afterRollback(() -> audit.recordIndependently(denial)));
        }
        Measure m = evaluation.measure();
        UUID org = scope.get().organizationId();
        AuditEntry record = AuditEntry.success(caller, AuditAction.SEARCH, null, scope.get().basis(), MEASURE_REPORT, m.id())
                .withQuery(query(evaluation, org));
        if (evaluation.subjectList()) {
            return repository.counts(m, evaluation.start(), evaluation.end(), org)
                    .chain(counts -> repository.gaps(m, evaluation.start(), evaluation.end(), org)
                            .map(gaps -> MeasureReports.subjectList(m, base, evaluation.start(), evaluation.end(), org,
                                    counts, gaps, clock.instant())))
                    .call(report -> audit.record(record.withQuery(record.query() + "&subjects="
                            + report.get("contained").get(0).get("entry").size())));
        }
        return repository.counts(m, evaluation.start(), evaluation.end(), org)
                .map(counts -> MeasureReports.summary(m, base, evaluation.start(), evaluation.end(), org,
                        Suppression.apply(counts, config.smallCell()), clock.instant()))
                .call(() -> audit.record(record));
    }

    private static String query(Evaluation e, UUID org) {
        return "periodStart=" + e.start() + "&periodEnd=" + e.end() + (org == null ? "" : "&organization=" + org)
                + "&reportType=" + (e.subjectList() ? "subject-list" : "summary");
    }
}
