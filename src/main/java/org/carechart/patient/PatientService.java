package org.carechart.patient;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.AccessPolicy;
import org.carechart.access.AccessService;
import org.carechart.access.Action;
import org.carechart.access.Basis;
import org.carechart.access.BreakGlassSession;
import org.carechart.access.CareTeamLink;
import org.carechart.access.DataCategory;
import org.carechart.access.PatientListScope;
import org.carechart.access.ProxyLink;
import org.carechart.access.ProxyRelationship;
import org.carechart.audit.AuditAction;
import org.carechart.audit.AuditEntry;
import org.carechart.audit.AuditService;
import org.carechart.common.Cursor;
import org.carechart.common.Page;
import org.carechart.common.ProblemException;
import org.carechart.identity.Caller;
import org.carechart.identity.Role;
import org.carechart.notification.EventDraft;
import org.carechart.notification.EventKind;
import org.carechart.notification.Events;
import org.carechart.notification.UnitOfWork;
import org.carechart.patient.api.BreakGlassReviewItem;
import org.carechart.patient.api.BreakGlassView;
import org.carechart.patient.api.CareTeamMemberView;
import org.carechart.patient.api.MeView;
import org.carechart.patient.api.NewCareTeamMember;
import org.carechart.patient.api.NewProxy;
import org.carechart.patient.api.PatientSummary;
import org.carechart.patient.api.PatientView;
import org.carechart.patient.api.ProxyView;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Patients, their care teams, proxies and break-the-glass sessions. Every method asks
 * {@link AccessPolicy} first and writes its audit event in the same transaction as its work.
 */
@ApplicationScoped
public class PatientService {

    static final String PATIENT = "patient";
    static final String CARE_TEAM = "care-team-member";
    static final String PROXY = "proxy-link";
    static final String BREAK_GLASS = "break-glass-session";

    @Inject
    AccessPolicy policy;

    @Inject
    AccessService access;

    @Inject
    AuditService audit;

    @Inject
    Events events;

    @Inject
    UnitOfWork unitOfWork;

    @Inject
    PatientRepository patients;

    @Inject
    org.carechart.identity.AccountService accounts;

    Clock clock = Clock.systemUTC();

    @WithTransaction
    public Uni<Page<PatientSummary>> list(Caller caller, String q, Cursor after, int limit) {
        PatientListScope scope = policy.patientListScope(caller).orElse(null);
        if (scope == null) {
            return refuse(caller, AuditAction.SEARCH, PATIENT, "Only providers and records staff search patients.");
        }
        String search = q == null || q.isBlank() ? null : q.strip();
        return patients.search(scope, search, after, limit + 1)
                .call(rows -> audit.record(new AuditEntry(caller, AuditAction.SEARCH, null, PATIENT, null,
                        "q=" + (search == null ? "" : search) + "&limit=" + limit, scope.basis().code(), null,
                        AuditEntry.AuditOutcome.SUCCESS)))
                .map(rows -> {
                    List<PatientRepository.ListedPatient> page = rows.size() > limit ? rows.subList(0, limit) : rows;
                    String next = rows.size() > limit
                            ? new Cursor(page.get(page.size() - 1).createdAt(), page.get(page.size() - 1).summary().id()).encode()
                            : null;
                    return new Page<>(page.stream().map(PatientRepository.ListedPatient::summary).toList(), next);
                });
    }

    @WithTransaction
    public Uni<PatientView> get(Caller caller, UUID patientId) {
        return policy.authorize(caller, Action.READ, patientId, DataCategory.DEMOGRAPHICS, PATIENT, patientId.toString())
                .chain(decision -> patients.find(patientId)
                        .onItem().ifNull().failWith(ProblemException::notFound)
                        .call(view -> audit.record(AuditEntry.success(caller, AuditAction.READ, patientId,
                                decision.basis().code(), PATIENT, patientId.toString()))));
    }

    /**
     * A patient's demographics for a feature that has already asked the access policy (bulk export)
     * and records its own disclosure; null when the decision does not show demographics.
     */
    public Uni<PatientView> view(org.carechart.access.AccessDecision decision, UUID patientId) {
        if (!decision.allowed() || !decision.covers(DataCategory.DEMOGRAPHICS)) {
            return Uni.createFrom().nullItem();
        }
        return patients.find(patientId);
    }

    @WithTransaction
    public Uni<Page<CareTeamMemberView>> careTeam(Caller caller, UUID patientId) {
        return policy.authorize(caller, Action.READ, patientId, DataCategory.DEMOGRAPHICS, CARE_TEAM, null)
                .chain(decision -> access.careTeam(patientId)
                        .call(links -> audit.record(AuditEntry.success(caller, AuditAction.READ, patientId,
                                decision.basis().code(), CARE_TEAM, null))))
                .map(links -> new Page<>(links.stream().map(this::careTeamView).toList(), null));
    }

    @WithTransaction
    public Uni<CareTeamMemberView> addCareTeamMember(Caller caller, UUID patientId, NewCareTeamMember body) {
        return policy.authorize(caller, Action.MANAGE_CARE_TEAM, patientId, null, CARE_TEAM, null)
                .chain(decision -> access.addCareTeamMember(patientId, body.providerId(), body.role().strip(),
                                body.startsAt(), body.endsAt(), caller.accountId())
                        .call(link -> audit.record(AuditEntry.success(caller, AuditAction.CREATE, patientId,
                                decision.basis().code(), CARE_TEAM, link.id().toString()))))
                .map(this::careTeamView);
    }

    @WithTransaction
    public Uni<CareTeamMemberView> endCareTeamMember(Caller caller, UUID patientId, UUID memberId) {
        return policy.authorize(caller, Action.MANAGE_CARE_TEAM, patientId, null, CARE_TEAM, memberId.toString())
                .chain(decision -> access.endCareTeamMember(patientId, memberId)
                        .onItem().ifNull().failWith(ProblemException::notFound)
                        .call(link -> events.accessEnded(link.providerId()))
                        .call(link -> audit.record(AuditEntry.success(caller, AuditAction.REVOKE, patientId,
                                decision.basis().code(), CARE_TEAM, memberId.toString()))))
                .map(this::careTeamView);
    }

    @WithTransaction
    public Uni<Page<ProxyView>> proxies(Caller caller, UUID patientId) {
        return policy.authorize(caller, Action.MANAGE_PROXIES, patientId, null, PROXY, null)
                .chain(decision -> access.proxies(patientId)
                        .call(links -> audit.record(AuditEntry.success(caller, AuditAction.READ, patientId,
                                decision.basis().code(), PROXY, null))))
                .map(links -> new Page<>(links.stream().map(this::proxyView).toList(), null));
    }

    @WithTransaction
    public Uni<ProxyView> addProxy(Caller caller, UUID patientId, NewProxy body) {
        ProxyRelationship relationship = ProxyRelationship.fromCode(body.relationship())
                .orElseThrow(() -> ProblemException.invalid("relationship", "must be parent, guardian or caregiver"));
        return policy.authorize(caller, Action.MANAGE_PROXIES, patientId, null, PROXY, null)
                .chain(decision -> access.addProxy(patientId, body.proxyAccountId(), relationship, body.startsAt(),
                                body.endsAt(), caller.accountId())
                        .call(link -> audit.record(AuditEntry.success(caller, AuditAction.CREATE, patientId,
                                decision.basis().code(), PROXY, link.id().toString()))))
                .map(this::proxyView);
    }

    @WithTransaction
    public Uni<ProxyView> endProxy(Caller caller, UUID patientId, UUID proxyId) {
        return policy.authorize(caller, Action.MANAGE_PROXIES, patientId, null, PROXY, proxyId.toString())
                .chain(decision -> access.endProxy(patientId, proxyId)
                        .onItem().ifNull().failWith(ProblemException::notFound)
                        .call(link -> events.accessEnded(link.proxyAccountId()))
                        .call(link -> audit.record(AuditEntry.success(caller, AuditAction.REVOKE, patientId,
                                decision.basis().code(), PROXY, proxyId.toString()))))
                .map(this::proxyView);
    }

    /**
     * Links a personal account to the patient, so it reads the chart as {@code self}: identity proofing,
     * a records-staff act for the patient's organization (Action.LINK_ACCOUNT), never an administrator's.
     * The link and its audit event are written in one transaction.
     */
    @WithTransaction
    public Uni<org.carechart.identity.api.AccountView> linkAccount(Caller caller, UUID patientId, UUID accountId) {
        return policy.authorize(caller, Action.LINK_ACCOUNT, patientId, null, "account",
                        accountId == null ? null : accountId.toString())
                .chain(decision -> accounts.linkToPatient(caller, patientId, accountId, decision.basis().code()));
    }

    /**
     * Opens emergency access (or extends the caller's open session for this patient), records it as
     * such and tells the patient, all in one transaction.
     */
    @WithTransaction
    public Uni<BreakGlassResult> breakGlass(Caller caller, UUID patientId, String reason) {
        return policy.authorizeBreakGlass(caller, patientId)
                .chain(decision -> access.breakGlass(patientId, caller.accountId(), reason.strip()))
                .call(opening -> unitOfWork.finish(AuditEntry.success(caller, AuditAction.BREAK_GLASS, patientId,
                                Basis.BREAK_THE_GLASS.code(), BREAK_GLASS, opening.session().id().toString())
                                .withPurpose("emergency treatment"),
                        new EventDraft(EventKind.BREAK_GLASS_ACCESS, patientId, null,
                                opening.session().id().toString(), opening.extended() ? "Emergency access to your chart extended"
                                        : "Emergency access to your chart", caller.accountId())))
                .map(opening -> {
                    BreakGlassSession session = opening.session();
                    return new BreakGlassResult(new BreakGlassView(session.id(), patientId, session.providerId(),
                            session.reason(), session.startsAt(), session.expiresAt()), opening.extended());
                });
    }

    /** The session as the caller sees it, and whether this request extended one already open. */
    public record BreakGlassResult(BreakGlassView view, boolean extended) {
    }

    /** The organization's break-the-glass sessions, newest first, for its records staff. */
    @WithTransaction
    public Uni<Page<BreakGlassReviewItem>> breakGlassReview(Caller caller, Cursor after, int limit) {
        UUID organization = policy.breakGlassReviewOrganization(caller).orElse(null);
        if (organization == null) {
            return refuse(caller, AuditAction.READ, BREAK_GLASS, "Only records staff review break-the-glass sessions.");
        }
        Instant now = clock.instant();
        return access.breakGlassSessions(organization, after, limit + 1)
                .call(rows -> audit.record(new AuditEntry(caller, AuditAction.READ, null, BREAK_GLASS, null,
                        "limit=" + limit, Basis.STAFF.code(), null, AuditEntry.AuditOutcome.SUCCESS)))
                .map(rows -> {
                    List<BreakGlassSession> page = rows.size() > limit ? rows.subList(0, limit) : rows;
                    String next = rows.size() > limit
                            ? new Cursor(page.get(page.size() - 1).startsAt(), page.get(page.size() - 1).id()).encode() : null;
                    return new Page<>(page.stream().map(s -> new BreakGlassReviewItem(s.id(), s.patientId(), s.patientName(),
                            s.providerId(), s.providerName(), s.reason(), s.startsAt(), s.expiresAt(),
                            s.expiresAt().isAfter(now))).toList(), next);
                });
    }

    /** Who the caller is, with the patients they act for as a proxy (their own account's facts: not audited). */
    @WithSession
    public Uni<MeView> me(Caller caller) {
        return access.actingFor(caller.accountId()).map(actingFor -> new MeView(caller.accountId(), caller.displayName(),
                caller.roles().stream().map(Role::claim).sorted().toList(), caller.patientId(), caller.organizationId(),
                actingFor.stream().map(a -> new MeView.ActingFor(a.patientId(), a.givenName() + " " + a.familyName(),
                        a.relationship())).toList()));
    }

    private <T> Uni<T> refuse(Caller caller, AuditAction action, String resourceType, String detail) {
        AuditEntry denial = AuditEntry.denied(caller, action, null, resourceType, null);
        return Uni.createFrom().failure(ProblemException.forbidden(detail).afterRollback(() -> audit.recordIndependently(denial)));
    }

    private CareTeamMemberView careTeamView(CareTeamLink link) {
        return new CareTeamMemberView(link.id(), link.providerId(), link.providerName(), link.role(), link.startsAt(),
                link.endsAt(), link.activeAt(clock.instant()));
    }

    private ProxyView proxyView(ProxyLink link) {
        return new ProxyView(link.id(), link.proxyAccountId(), link.proxyName(), link.relationship(), link.startsAt(),
                link.endsAt(), link.activeAt(clock.instant()));
    }
}
