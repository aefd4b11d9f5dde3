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
import java.time.LocalDate;
import java.time.Period;
import java.util.Set;
import java.util.UUID;

/**
 * The one decision point: may this caller do this action on this patient's data of this
 * category? Every feature asks here and nowhere else.
 */
@ApplicationScoped
public class AccessPolicy {

    private static final Set<String> PARENTAL_RELATIONSHIPS = Set.of("parent", "guardian");

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
                .map(facts -> decide(caller, action, facts, category, LocalDate.now(clock)));
    }

    /**
     * The decision, enforced: a denial is recorded in the audit trail (in its own transaction, so
     * it survives the failed request) and answered with 404, or 403 when the caller may already
     * know the patient exists.
     */
    public Uni<AccessDecision> authorize(Caller caller, Action action, UUID patientId, DataCategory category,
                                         String resourceType, String resourceId) {
        return decide(caller, action, patientId, category).call(decision -> decision.allowed()
                ? Uni.createFrom().voidItem()
                : audit.recordIndependently(AuditEntry.denied(caller, auditAction(action), patientId, resourceType, resourceId))
                        .onItem().failWith(() -> decision.callerMayKnowPatient()
                                ? ProblemException.forbidden("You may not do this for this patient.")
                                : ProblemException.notFound()));
    }

    static AccessDecision decide(Caller caller, Action action, AccessFacts facts, DataCategory category, LocalDate today) {
        if (facts == null) {
            return AccessDecision.deny(false, "no such patient");
        }
        AccessDecision decision = rule(caller, action, facts, today);
        if (decision.allowed() && !decision.covers(category)) {
            decision = AccessDecision.deny(true, "category not granted");
        }
        if (!decision.allowed() && action != Action.READ) {
            boolean mayRead = rule(caller, Action.READ, facts, today).allowed();
            decision = AccessDecision.deny(mayRead, decision.reason());
        }
        return decision;
    }

    private static AccessDecision rule(Caller caller, Action action, AccessFacts facts, LocalDate today) {
        boolean self = caller.has(Role.PATIENT) && facts.patientId().equals(caller.patientId());
        boolean proxy = facts.isProxy();
        boolean staff = caller.has(Role.STAFF) && facts.patientOrganizationId().equals(caller.organizationId());
        boolean provider = caller.has(Role.PROVIDER);
        boolean careTeam = provider && facts.careTeam();
        boolean breakGlass = provider && facts.breakGlass();
        boolean granted = !facts.grantedCategories().isEmpty() && (provider || staff || caller.has(Role.APP)
                || caller.has(Role.STAFF));

        return switch (action) {
            case READ -> {
                if (self) yield AccessDecision.allow(Basis.SELF, DataCategory.ALL, false);
                if (proxy) yield AccessDecision.allow(Basis.PROXY, DataCategory.ALL, hidesSensitive(facts, today));
                if (staff) yield AccessDecision.allow(Basis.STAFF, DataCategory.ALL, false);
                if (careTeam) yield AccessDecision.allow(Basis.CARE_TEAM, DataCategory.ALL, false);
                if (granted) yield AccessDecision.allow(Basis.GRANT, withDemographics(facts.grantedCategories()), false);
                if (breakGlass) yield AccessDecision.allow(Basis.BREAK_THE_GLASS, DataCategory.ALL, false);
                yield AccessDecision.deny(false, "no basis to read");
            }
            case WRITE -> {
                if (staff) yield AccessDecision.allow(Basis.STAFF, DataCategory.ALL, false);
                if (careTeam) yield AccessDecision.allow(Basis.CARE_TEAM, DataCategory.ALL, false);
                if (breakGlass) yield AccessDecision.allow(Basis.BREAK_THE_GLASS, DataCategory.ALL, false);
                yield AccessDecision.deny(false, "no basis to write");
            }
            case REQUEST_AMENDMENT, SHARE -> {
                if (self) yield AccessDecision.allow(Basis.SELF, DataCategory.ALL, false);
                if (proxy) yield AccessDecision.allow(Basis.PROXY, DataCategory.ALL, hidesSensitive(facts, today));
                yield AccessDecision.deny(false, "only the patient or a proxy may do this");
            }
            case READ_ACCESS_LOG -> {
                if (self) yield AccessDecision.allow(Basis.SELF, DataCategory.ALL, false);
                if (proxy) yield AccessDecision.allow(Basis.PROXY, DataCategory.ALL, hidesSensitive(facts, today));
                if (staff) yield AccessDecision.allow(Basis.STAFF, DataCategory.ALL, false);
                yield AccessDecision.deny(false, "only the patient, a proxy or records staff may do this");
            }
            case MANAGE_PROXIES -> {
                if (self) yield AccessDecision.allow(Basis.SELF, DataCategory.ALL, false);
                if (staff) yield AccessDecision.allow(Basis.STAFF, DataCategory.ALL, false);
                yield AccessDecision.deny(false, "only the patient or records staff may do this");
            }
            case DECIDE_AMENDMENT, MANAGE_CARE_TEAM -> {
                if (staff) yield AccessDecision.allow(Basis.STAFF, DataCategory.ALL, false);
                yield AccessDecision.deny(false, "only records staff may do this");
            }
        };
    }

    /** A parent's view of a minor aged 12 to 17 leaves out entries marked sensitive. */
    private static boolean hidesSensitive(AccessFacts facts, LocalDate today) {
        if (!facts.isProxy() || !PARENTAL_RELATIONSHIPS.contains(facts.proxyRelationship())) {
            return false;
        }
        int age = Period.between(facts.birthDate(), today).getYears();
        return age >= 12 && age < 18;
    }

    private static Set<DataCategory> withDemographics(Set<DataCategory> granted) {
        java.util.EnumSet<DataCategory> categories = java.util.EnumSet.copyOf(granted);
        categories.add(DataCategory.DEMOGRAPHICS);
        return categories;
    }

    private static AuditAction auditAction(Action action) {
        return switch (action) {
            case READ, READ_ACCESS_LOG -> AuditAction.READ;
            case WRITE, DECIDE_AMENDMENT, MANAGE_CARE_TEAM, MANAGE_PROXIES -> AuditAction.UPDATE;
            case REQUEST_AMENDMENT -> AuditAction.CREATE;
            case SHARE -> AuditAction.SHARE;
        };
    }
}
