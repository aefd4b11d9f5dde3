package org.carechart.access;

import org.carechart.identity.Caller;
import org.carechart.identity.Role;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The quality role's rules, as pure functions: aggregates only, never a chart or a subject list. */
class QualityAccessRulesTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private static final UUID ORG = UUID.randomUUID();
    private static final UUID PATIENT = UUID.randomUUID();

    private static Caller caller(Set<Role> roles, UUID organization) {
        return new Caller(UUID.randomUUID(), "someone", roles, null, organization,
                Set.of("system/Measure.rs", "system/MeasureReport.rs"), null);
    }

    @Test
    void aQualityCallerIsRefusedEveryChartWhateverElseItHolds() {
        AccessFacts.GrantFact grant = new AccessFacts.GrantFact(EnumSet.allOf(DataCategory.class), null, false, null, UUID.randomUUID());
        AccessFacts facts = new AccessFacts(PATIENT, ORG, LocalDate.of(1980, 1, 1), List.of(), List.of(), List.of(), List.of(grant));
        // even a token that (wrongly) also said staff of the patient's organization
        Caller quality = caller(EnumSet.of(Role.QUALITY, Role.STAFF), ORG);
        for (Action action : Action.values()) {
            AccessDecision decision = AccessPolicy.decide(quality, action, facts, null, NOW);
            assertFalse(decision.allowed(), action.name());
            assertFalse(decision.callerMayKnowPatient(), action.name());
            assertFalse(AccessPolicy.decide(quality, action, facts, DataCategory.OBSERVATION, NOW).allowed(), action.name());
        }
        assertEquals(Optional.empty(), new AccessPolicy().patientListScope(quality));
        assertEquals(Optional.empty(), new AccessPolicy().subjectListScope(quality, null));
    }

    @Test
    void aggregatesAreForQualityMonitorsAnywhereAndStaffOfTheirOwnOrganization() {
        AccessPolicy policy = new AccessPolicy();
        UUID other = UUID.randomUUID();
        Caller quality = caller(EnumSet.of(Role.QUALITY), UUID.randomUUID());
        assertEquals(Optional.of(new AccessPolicy.AggregateScope("quality", null)), policy.aggregateScope(quality, null));
        assertEquals(Optional.of(new AccessPolicy.AggregateScope("quality", other)), policy.aggregateScope(quality, other));

        Caller staff = caller(EnumSet.of(Role.STAFF), ORG);
        assertEquals(Optional.of(new AccessPolicy.AggregateScope("staff", ORG)), policy.aggregateScope(staff, null));
        assertEquals(Optional.of(new AccessPolicy.AggregateScope("staff", ORG)), policy.aggregateScope(staff, ORG));
        assertTrue(policy.aggregateScope(staff, other).isEmpty());
        assertEquals(Optional.of(new AccessPolicy.AggregateScope("staff", ORG)), policy.subjectListScope(staff, null));
        assertTrue(policy.subjectListScope(staff, other).isEmpty());

        for (Role role : List.of(Role.PATIENT, Role.PROVIDER, Role.ADMIN, Role.APP)) {
            Caller someone = caller(EnumSet.of(role), ORG);
            assertTrue(policy.aggregateScope(someone, null).isEmpty(), role.name());
            assertTrue(policy.subjectListScope(someone, null).isEmpty(), role.name());
        }
    }

    @Test
    void onlyAggregateScopesMakeAQualityToken() {
        assertTrue(SmartScopes.aggregateOnly(List.of("system/Measure.rs", "system/MeasureReport.rs")));
        assertTrue(SmartScopes.aggregateOnly(List.of("system/MeasureReport.read")));
        assertFalse(SmartScopes.aggregateOnly(List.of("system/MeasureReport.rs", "system/Observation.rs")));
        assertFalse(SmartScopes.aggregateOnly(List.of("system/*.rs")));
        assertFalse(SmartScopes.aggregateOnly(List.of("patient/MeasureReport.rs")));
        assertFalse(SmartScopes.aggregateOnly(List.of()));
        // an aggregate scope opens no chart category
        assertTrue(SmartScopes.categories(Set.of("system/MeasureReport.rs", "system/Measure.rs"), Action.READ).isEmpty());
    }
}
