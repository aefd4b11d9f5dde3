package org.carechart.access;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.audit.AuditAction;
import org.carechart.audit.AuditEntry;
import org.carechart.audit.AuditService;
import org.carechart.common.ProblemException;
import org.carechart.identity.Caller;
import org.carechart.identity.Role;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The one decision point: may this caller do this action on this patient's data of this
 * category? Every feature asks here and nowhere else.
 */
@ApplicationScoped
public class AccessPolicy {

    private static final Set<String> PARENTAL_RELATIONSHIPS = Set.of("parent", "guardian");
    static final String ALREADY_HAS_ACCESS = "already has access on another basis";
    static final String QUALITY_AGGREGATES_ONLY = "a quality monitor sees aggregates only";

    // What each basis permits. An action missing from a set is refused on that basis, so a new
    // Action is denied everywhere until a rule names it.
    private static final Set<Action> SELF_MAY = EnumSet.of(Action.READ, Action.REQUEST_AMENDMENT, Action.SHARE,
            Action.LIST_SHARING, Action.REVOKE_SHARING, Action.READ_ACCESS_LOG, Action.MANAGE_PROXIES);
    private static final Set<Action> PROXY_MAY = EnumSet.of(Action.READ, Action.REQUEST_AMENDMENT, Action.SHARE,
            Action.LIST_SHARING, Action.REVOKE_SHARING, Action.READ_ACCESS_LOG);
    /** Records staff oversee sharing (list, revoke) but never share: that is the patient's decision. */
    private static final Set<Action> STAFF_MAY = EnumSet.of(Action.READ, Action.WRITE, Action.DECIDE_AMENDMENT,
            Action.MANAGE_CARE_TEAM, Action.MANAGE_PROXIES, Action.READ_ACCESS_LOG, Action.LIST_SHARING,
            Action.REVOKE_SHARING, Action.LINK_ACCOUNT);
    /** Care-team members, and providers in a break-the-glass session, read and write the chart. */
    private static final Set<Action> CARE_TEAM_MAY = EnumSet.of(Action.READ, Action.WRITE);

    @Inject
    AccessFactsRepository factsRepository;

    @Inject
    AuditService audit;

    Clock clock = Clock.systemUTC();

    /** The decision, with no side effects. {@code category} null means "any category". */
    public Uni<AccessDecision> decide(Caller caller, Action action, UUID patientId, DataCategory category) {
        if (caller.isAnonymous() || patientId == null) {
            return Uni.createFrom().item(AccessDecision.deny(false, "not authenticated"));
        }
        return factsRepository.facts(caller.accountId(), caller.organizationId(), patientId)
                .map(facts -> decide(caller, action, facts, category, clock.instant()));
    }

    /**
     * The decision, enforced: a denial is answered with 404, or 403 when the caller may already
     * know the patient exists, and recorded in the audit trail once the failed unit of work has
     * rolled back (durable before the answer leaves; never on a second connection of the request's).
     */
    public Uni<AccessDecision> authorize(Caller caller, Action action, UUID patientId, DataCategory category,
                                         String resourceType, String resourceId) {
        return decide(caller, action, patientId, category)
                .call(decision -> enforce(caller, auditAction(action), patientId, resourceType, resourceId, decision));
    }

    /**
     * May this provider open a time-limited emergency session on this patient? Only a provider
     * with no other basis for the whole chart may; one who already has it gets 409, anyone else
     * 404 (or 403 when they may know the patient). Denials are recorded like {@link #authorize}'s.
     */
    public Uni<AccessDecision> authorizeBreakGlass(Caller caller, UUID patientId) {
        if (caller.isAnonymous() || patientId == null) {
            return Uni.createFrom().failure(ProblemException.notFound());
        }
        return factsRepository.facts(caller.accountId(), caller.organizationId(), patientId)
                .map(facts -> decideBreakGlass(caller, facts, clock.instant()))
                .call(decision -> enforce(caller, AuditAction.BREAK_GLASS, patientId, "break-glass-session", null, decision));
    }

    /**
     * Which patients this caller may list, as a SQL condition on a patient row aliased {@code p}
     * with the parameters {@code :scopeAccount} and {@code :scopeOrganization}; empty when the
     * caller may list none (only providers and staff search patients).
     */
    public Optional<PatientListScope> patientListScope(Caller caller) {
        if (caller.has(Role.QUALITY)) {
            return Optional.empty();
        }
        List<String> conditions = new ArrayList<>();
        Basis basis = null;
        if (caller.has(Role.STAFF) && caller.organizationId() != null) {
            conditions.add("p.organization_id = :scopeOrganization");
            basis = Basis.STAFF;
        }
        if (caller.has(Role.PROVIDER) && caller.accountId() != null) {
            conditions.add("""
                    exists(select 1 from care_team_member c where c.patient_id = p.id and c.provider_id = :scopeAccount
                             and c.starts_at <= now() and (c.ends_at is null or c.ends_at > now()))""");
            conditions.add("""
                    exists(select 1 from access_grant g where g.patient_id = p.id and %s
                             and (g.grantee_id = :scopeAccount or g.grantee_id = :scopeOrganization))""".formatted(grantInForceSql("g")));
            conditions.add("""
                    exists(select 1 from break_glass_session b where b.patient_id = p.id and b.provider_id = :scopeAccount
                             and b.starts_at <= now() and b.expires_at > now())""");
            basis = basis == null ? Basis.CARE_TEAM : basis;
        }
        if (conditions.isEmpty()) {
            return Optional.empty();
        }
        UUID organization = caller.organizationId() == null ? new UUID(0, 0) : caller.organizationId();
        UUID account = caller.accountId() == null ? new UUID(0, 0) : caller.accountId();
        return Optional.of(new PatientListScope(basis, "(" + String.join(" or ", conditions) + ")", account, organization));
    }

    /**
     * The SQL form of "this grant is in force now", over an {@code access_grant} row aliased {@code g}:
     * not revoked, not expired, and, when a proxy made it, that proxy's link has not ended (a proxy's
     * grants carry the proxy's authority). The Java form is {@code AccessFacts.GrantFact.activeAt}; every
     * query that honours grants (facts, patient lists, audiences, webhook delivery) places this one.
     */
    public static String grantInForceSql(String g) {
        return ("(%1$s.revoked_at is null and (%1$s.expires_at is null or %1$s.expires_at > now())"
                + " and (%1$s.proxy_link_id is null or exists(select 1 from proxy_link %1$s_pl where %1$s_pl.id = %1$s.proxy_link_id"
                + " and (%1$s_pl.ends_at is null or %1$s_pl.ends_at > now()))))").formatted(g);
    }

    /**
     * The SQL form of "this grant shows an entry of category {@code :categoryParam}, sensitive or not
     * ({@code :sensitiveParam})", over a grant aliased {@code g}; the Java form is
     * {@code AccessFacts.GrantFact.shows}. A grant made under a restriction (a parent of a 12-17-year-old)
     * never shows sensitive entries, whatever other grants show.
     */
    public static String grantShowsSql(String g, String categoryParam, String sensitiveParam) {
        return ("(cast(:%2$s as text) is not null and cast(:%2$s as text) = any (%1$s.categories)"
                + " and not (cast(:%3$s as boolean) and %1$s.hide_sensitive))").formatted(g, categoryParam, sensitiveParam);
    }

    /**
     * Which organization's patients an aggregate (a measure report) may count for this caller: a quality
     * monitor ({@code quality} role) any one organization or all of them ({@code requested} null); records
     * staff only their own organization (all when they name none); nobody else any. Empty: refused (403).
     * An aggregate names no patient, so this is no chart access: it never opens a chart, and the counts it
     * allows are small-cell suppressed by the quality package.
     */
    public Optional<AggregateScope> aggregateScope(Caller caller, UUID requested) {
        if (caller.isAnonymous()) {
            return Optional.empty();
        }
        if (caller.has(Role.QUALITY)) {
            return Optional.of(new AggregateScope("quality", requested));
        }
        if (caller.has(Role.STAFF) && caller.organizationId() != null
                && (requested == null || requested.equals(caller.organizationId()))) {
            return Optional.of(new AggregateScope(Basis.STAFF.code(), caller.organizationId()));
        }
        return Optional.empty();
    }

    /**
     * A subject list (which patients are, or are not, in a population: care gaps) names patients, so it is
     * for records staff of the organization only, never a quality monitor or an app; empty: refused (403).
     */
    public Optional<AggregateScope> subjectListScope(Caller caller, UUID requested) {
        if (caller.isAnonymous() || caller.has(Role.QUALITY) || caller.has(Role.APP) || caller.app() != null
                || !caller.has(Role.STAFF) || caller.organizationId() == null
                || (requested != null && !requested.equals(caller.organizationId()))) {
            return Optional.empty();
        }
        return Optional.of(new AggregateScope(Basis.STAFF.code(), caller.organizationId()));
    }

    /**
     * What an aggregate may count: patients of one organization, or of all ({@code organizationId} null).
     *
     * @param basis the basis code recorded in the audit trail ({@code quality}, {@code staff})
     */
    public record AggregateScope(String basis, UUID organizationId) {
    }

    /** Records staff of an organization review its break-glass sessions; nobody else does. */
    public Optional<UUID> breakGlassReviewOrganization(Caller caller) {
        return caller.has(Role.STAFF) ? Optional.ofNullable(caller.organizationId()) : Optional.empty();
    }

    private Uni<Void> enforce(Caller caller, AuditAction action, UUID patientId, String resourceType, String resourceId,
                              AccessDecision decision) {
        if (decision.allowed()) {
            return Uni.createFrom().voidItem();
        }
        // Recorded after the rollback, outside the failed transaction (ProblemMapper runs the step).
        AuditEntry denial = AuditEntry.denied(caller, action, patientId, resourceType, resourceId);
        return Uni.createFrom().failure(failure(decision).afterRollback(() -> audit.recordIndependently(denial)));
    }

    private static ProblemException failure(AccessDecision decision) {
        if (ALREADY_HAS_ACCESS.equals(decision.reason())) {
            return ProblemException.conflict("You already have access to this patient's chart; no emergency access is needed.");
        }
        return decision.callerMayKnowPatient()
                ? ProblemException.forbidden("You may not do this for this patient.")
                : ProblemException.notFound();
    }

    /**
     * The rules, as a pure function of the facts and the instant. Of the bases a caller has, the
     * first (in the order self, proxy, staff, care team, grant, break-the-glass) that covers the
     * category is the one recorded; for "any category" the first that covers the whole chart.
     */
    static AccessDecision decide(Caller caller, Action action, AccessFacts facts, DataCategory category, Instant now) {
        if (facts == null || caller.isAnonymous()) {
            return AccessDecision.deny(false, "no such patient");
        }
        if (caller.has(Role.QUALITY)) {
            // a quality monitor sees aggregates only: no chart, no patient, whatever else the token says
            return AccessDecision.deny(false, QUALITY_AGGREGATES_ONLY);
        }
        if (caller.app() != null && caller.app().patientId() != null && !caller.app().patientId().equals(facts.patientId())) {
            return AccessDecision.deny(false, "outside the app's patient context");
        }
        List<AccessDecision> bases = bases(caller, action, facts, now);
        if (caller.app() != null) {
            // A registered app's token reaches no further than its scopes, on whatever basis it has.
            Set<DataCategory> scoped = SmartScopes.categories(caller.scopes(), action);
            bases = bases.stream().map(b -> b.within(scoped)).filter(b -> !b.categories().isEmpty()).toList();
        }
        for (AccessDecision basis : bases) {
            if (category == null ? basis.categories().containsAll(DataCategory.ALL) : basis.covers(category)) {
                return basis;
            }
        }
        if (category == null && !bases.isEmpty()) {
            return bases.get(0);
        }
        boolean mayKnowPatient = action == Action.READ ? !bases.isEmpty() : !bases(caller, Action.READ, facts, now).isEmpty();
        return AccessDecision.deny(mayKnowPatient, bases.isEmpty() ? "no basis for " + action : "category not granted");
    }

    static AccessDecision decideBreakGlass(Caller caller, AccessFacts facts, Instant now) {
        if (facts == null || caller.isAnonymous()) {
            return AccessDecision.deny(false, "no such patient");
        }
        List<AccessDecision> readBases = bases(caller, Action.READ, facts, now);
        if (!caller.has(Role.PROVIDER)) {
            return AccessDecision.deny(!readBases.isEmpty(), "only providers may break the glass");
        }
        boolean otherFullBasis = readBases.stream().anyMatch(b -> b.basis() != Basis.BREAK_THE_GLASS
                && b.categories().containsAll(DataCategory.ALL));
        if (otherFullBasis) {
            return AccessDecision.deny(true, ALREADY_HAS_ACCESS);
        }
        return AccessDecision.allow(Basis.BREAK_THE_GLASS, DataCategory.ALL, false);
    }

    /** Every basis the caller has for the action, in order of preference. */
    private static List<AccessDecision> bases(Caller caller, Action action, AccessFacts facts, Instant now) {
        boolean self = caller.has(Role.PATIENT) && facts.patientId().equals(caller.patientId());
        Optional<AccessFacts.ProxyFact> proxy = facts.proxyLinks().stream().filter(p -> p.span().activeAt(now)).findFirst();
        boolean staff = caller.has(Role.STAFF) && facts.patientOrganizationId().equals(caller.organizationId());
        boolean provider = caller.has(Role.PROVIDER);
        boolean careTeam = provider && facts.careTeamLinks().stream().anyMatch(s -> s.activeAt(now));
        boolean breakGlass = provider && facts.breakGlassSessions().stream().anyMatch(s -> s.activeAt(now));
        List<AccessFacts.GrantFact> activeGrants = provider || caller.has(Role.STAFF) || caller.has(Role.APP)
                ? facts.grants().stream().filter(g -> g.activeAt(now) && boundTo(caller, g)).toList() : List.of();
        boolean hideSensitive = proxy.isPresent() && hidesSensitive(proxy.get().relationship(), facts.birthDate(), now);

        List<AccessDecision> bases = new ArrayList<>();
        if (self && SELF_MAY.contains(action)) {
            bases.add(AccessDecision.allow(Basis.SELF, Visibility.EVERYTHING));
        }
        if (proxy.isPresent() && PROXY_MAY.contains(action)) {
            bases.add(AccessDecision.allow(Basis.PROXY, Visibility.of(DataCategory.ALL, hideSensitive))
                    .viaProxyLink(proxy.get().id()));
        }
        if (staff && STAFF_MAY.contains(action)) {
            bases.add(AccessDecision.allow(Basis.STAFF, Visibility.EVERYTHING));
        }
        if (careTeam && CARE_TEAM_MAY.contains(action)) {
            bases.add(AccessDecision.allow(Basis.CARE_TEAM, Visibility.EVERYTHING));
        }
        if (!activeGrants.isEmpty() && action == Action.READ) {
            bases.add(AccessDecision.allow(Basis.GRANT, grantVisibility(activeGrants)));
        }
        if (breakGlass && CARE_TEAM_MAY.contains(action)) {
            bases.add(AccessDecision.allow(Basis.BREAK_THE_GLASS, Visibility.EVERYTHING));
        }
        return bases;
    }

    /**
     * What grants in force show together, decided per category from the grants that cover it: a
     * category is open when some grant covers it, and its sensitive entries show only when a grant
     * covering that category shows them. (A restricted grant for notes and an unrestricted one for
     * allergies show the allergies' sensitive entries, never the notes'.)
     */
    static Visibility grantVisibility(List<AccessFacts.GrantFact> grants) {
        Set<DataCategory> open = EnumSet.of(DataCategory.DEMOGRAPHICS);
        Set<DataCategory> sensitiveShown = EnumSet.of(DataCategory.DEMOGRAPHICS);
        for (DataCategory category : DataCategory.values()) {
            for (AccessFacts.GrantFact grant : grants) {
                if (grant.shows(category, false)) {
                    open.add(category);
                }
                if (grant.shows(category, true)) {
                    sensitiveShown.add(category);
                }
            }
        }
        return new Visibility(open, sensitiveShown);
    }

    /** A token an app got by a patient's approval counts on that grant only, so revoking it ends the token at once. */
    private static boolean boundTo(Caller caller, AccessFacts.GrantFact grant) {
        return caller.app() == null || caller.app().grantId() == null || caller.app().grantId().equals(grant.id());
    }

        /** A parent's or guardian's view of a minor aged 12 to 17 leaves out entries marked sensitive. */
    static boolean hidesSensitive(String relationship, LocalDate birthDate, Instant now) {
        if (relationship == null || !PARENTAL_RELATIONSHIPS.contains(relationship) || birthDate == null) {
            return false;
        }
        int age = Period.between(birthDate, LocalDate.ofInstant(now, ZoneOffset.UTC)).getYears();
        return age >= 12 && age < 18;
    }

    private static AuditAction auditAction(Action action) {
        return switch (action) {
            case READ, READ_ACCESS_LOG, LIST_SHARING -> AuditAction.READ;
            case WRITE, DECIDE_AMENDMENT, MANAGE_CARE_TEAM, MANAGE_PROXIES, LINK_ACCOUNT -> AuditAction.UPDATE;
            case REVOKE_SHARING -> AuditAction.REVOKE;
            case REQUEST_AMENDMENT -> AuditAction.CREATE;
            case SHARE -> AuditAction.SHARE;
        };
    }
}
