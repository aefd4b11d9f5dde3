package org.carechart.access;

import org.carechart.identity.Caller;
import org.carechart.identity.Role;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules of issue 3 as a pure function: every role, every basis, every edge of time and age. */
class AccessPolicyRulesTest {

    private static final Instant NOW = Instant.parse("2026-06-15T12:00:00Z");
    private static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);
    private static final UUID ORG = UUID.randomUUID();
    private static final UUID OTHER_ORG = UUID.randomUUID();
    private static final UUID PATIENT = UUID.randomUUID();
    private static final AccessFacts.Span OPEN = new AccessFacts.Span(NOW.minus(Duration.ofDays(30)), null);

    private static Caller caller(Role role, UUID patientId, UUID organizationId) {
        return new Caller(UUID.randomUUID(), "someone", Set.of(role), patientId, organizationId, Set.of(), null);
    }

    /** Builds the facts one relationship at a time. */
    private static final class Facts {
        LocalDate birthDate = LocalDate.of(1980, 1, 1);
        final List<AccessFacts.ProxyFact> proxies = new ArrayList<>();
        final List<AccessFacts.Span> careTeam = new ArrayList<>();
        final List<AccessFacts.Span> breakGlass = new ArrayList<>();
        final List<AccessFacts.GrantFact> grants = new ArrayList<>();

        AccessFacts build() {
            return new AccessFacts(PATIENT, ORG, birthDate, proxies, careTeam, breakGlass, grants);
        }
    }

    private static AccessDecision decide(Caller caller, Action action, Facts facts, DataCategory category) {
        return AccessPolicy.decide(caller, action, facts.build(), category, NOW);
    }

    @Test
    void aPatientSeesTheirOwnChartAndNoOtherAndDoesNotWriteIt() {
        Caller self = caller(Role.PATIENT, PATIENT, null);
        AccessDecision read = decide(self, Action.READ, new Facts(), DataCategory.NOTE);
        assertTrue(read.allowed());
        assertEquals(Basis.SELF, read.basis());
        assertFalse(read.hideSensitive());
        for (Action action : List.of(Action.REQUEST_AMENDMENT, Action.SHARE, Action.READ_ACCESS_LOG, Action.MANAGE_PROXIES)) {
            assertEquals(Basis.SELF, decide(self, action, new Facts(), null).basis(), action.name());
        }
        for (Action action : List.of(Action.WRITE, Action.DECIDE_AMENDMENT, Action.MANAGE_CARE_TEAM)) {
            AccessDecision denied = decide(self, action, new Facts(), null);
            assertFalse(denied.allowed(), action.name());
            assertTrue(denied.callerMayKnowPatient(), "their own chart: 403, not 404");
        }
        AccessDecision other = decide(caller(Role.PATIENT, UUID.randomUUID(), null), Action.READ, new Facts(), null);
        assertFalse(other.allowed());
        assertFalse(other.callerMayKnowPatient(), "another patient's chart: 404");
    }

    @Test
    void aProxySeesWhatTheLinkAllowsWhileItIsInForce() {
        Caller proxy = caller(Role.PATIENT, null, null);
        Facts facts = new Facts();
        facts.proxies.add(new AccessFacts.ProxyFact("caregiver", OPEN));
        AccessDecision read = decide(proxy, Action.READ, facts, DataCategory.MEDICATION);
        assertTrue(read.allowed());
        assertEquals(Basis.PROXY, read.basis());
        assertEquals(Basis.PROXY, decide(proxy, Action.REQUEST_AMENDMENT, facts, null).basis());
        assertEquals(Basis.PROXY, decide(proxy, Action.SHARE, facts, null).basis());
        assertEquals(Basis.PROXY, decide(proxy, Action.READ_ACCESS_LOG, facts, null).basis());
        AccessDecision manage = decide(proxy, Action.MANAGE_PROXIES, facts, null);
        assertFalse(manage.allowed(), "a proxy does not appoint other proxies");
        assertTrue(manage.callerMayKnowPatient());
        assertFalse(decide(proxy, Action.WRITE, facts, null).allowed());
    }

    @Test
    void anEndedOrFutureProxyLinkGivesNothing() {
        Caller proxy = caller(Role.PATIENT, null, null);
        Facts ended = new Facts();
        ended.proxies.add(new AccessFacts.ProxyFact("parent", new AccessFacts.Span(NOW.minus(Duration.ofDays(9)), NOW)));
        Facts future = new Facts();
        future.proxies.add(new AccessFacts.ProxyFact("parent", new AccessFacts.Span(NOW.plusSeconds(1), null)));
        Facts endsLater = new Facts();
        endsLater.proxies.add(new AccessFacts.ProxyFact("parent", new AccessFacts.Span(NOW, NOW.plusSeconds(1))));
        assertFalse(decide(proxy, Action.READ, ended, null).allowed(), "the end is exclusive");
        assertFalse(decide(proxy, Action.READ, ended, null).callerMayKnowPatient());
        assertFalse(decide(proxy, Action.READ, future, null).allowed());
        assertTrue(decide(proxy, Action.READ, endsLater, null).allowed(), "the start is inclusive");
    }

    @Test
    void aParentOrGuardianOfA12To17YearOldDoesNotSeeSensitiveEntries() {
        record Case(String relationship, LocalDate birthDate, boolean hidden) {
        }
        List<Case> cases = List.of(
                new Case("parent", TODAY.minusYears(12).plusDays(1), false),   // 11, turning 12 tomorrow
                new Case("parent", TODAY.minusYears(12), true),                // 12 today
                new Case("parent", TODAY.minusYears(15), true),
                new Case("guardian", TODAY.minusYears(17), true),              // 17 today
                new Case("guardian", TODAY.minusYears(18).plusDays(1), true),  // 17, turning 18 tomorrow
                new Case("parent", TODAY.minusYears(18), false),               // 18 today
                new Case("caregiver", TODAY.minusYears(15), false),            // not a parental link
                new Case("parent", TODAY.minusYears(5), false));
        for (Case c : cases) {
            Facts facts = new Facts();
            facts.birthDate = c.birthDate();
            facts.proxies.add(new AccessFacts.ProxyFact(c.relationship(), OPEN));
            AccessDecision read = decide(caller(Role.PATIENT, null, null), Action.READ, facts, null);
            assertTrue(read.allowed(), c.toString());
            assertEquals(c.hidden(), read.hideSensitive(), c.toString());
        }
        Facts teen = new Facts();
        teen.birthDate = TODAY.minusYears(15);
        teen.proxies.add(new AccessFacts.ProxyFact("parent", OPEN));
        Caller teenHimself = new Caller(UUID.randomUUID(), "teen", Set.of(Role.PATIENT), PATIENT, null, Set.of(), null);
        assertFalse(decide(teenHimself, Action.READ, teen, null).hideSensitive(), "the patient sees everything");
    }

    @Test
    void aProviderSeesPatientsOnTheirCareTeamOnlyWhileTheLinkIsInForce() {
        Caller provider = caller(Role.PROVIDER, null, ORG);
        Facts active = new Facts();
        active.careTeam.add(OPEN);
        AccessDecision read = decide(provider, Action.READ, active, DataCategory.NOTE);
        assertEquals(Basis.CARE_TEAM, read.basis());
        assertEquals(Basis.CARE_TEAM, decide(provider, Action.WRITE, active, null).basis());
        AccessDecision manage = decide(provider, Action.MANAGE_CARE_TEAM, active, null);
        assertFalse(manage.allowed());
        assertTrue(manage.callerMayKnowPatient());

        Facts ended = new Facts();
        ended.careTeam.add(new AccessFacts.Span(NOW.minus(Duration.ofDays(60)), NOW.minus(Duration.ofDays(1))));
        Facts future = new Facts();
        future.careTeam.add(new AccessFacts.Span(NOW.plus(Duration.ofDays(1)), null));
        for (Facts facts : List.of(ended, future, new Facts())) {
            AccessDecision denied = decide(provider, Action.READ, facts, null);
            assertFalse(denied.allowed());
            assertFalse(denied.callerMayKnowPatient(), "404, so ids cannot be probed");
        }
        Facts careTeamButNotAProvider = new Facts();
        careTeamButNotAProvider.careTeam.add(OPEN);
        assertFalse(decide(caller(Role.STAFF, null, OTHER_ORG), Action.READ, careTeamButNotAProvider, null).allowed());
    }

    @Test
    void aGrantOpensOnlyItsCategoriesAndDemographicsUntilItExpires() {
        Caller provider = caller(Role.PROVIDER, null, OTHER_ORG);
        Facts facts = new Facts();
        facts.grants.add(new AccessFacts.GrantFact(EnumSet.of(DataCategory.CONDITION), null));
        assertEquals(Basis.GRANT, decide(provider, Action.READ, facts, DataCategory.CONDITION).basis());
        assertEquals(Basis.GRANT, decide(provider, Action.READ, facts, DataCategory.DEMOGRAPHICS).basis());
        AccessDecision notGranted = decide(provider, Action.READ, facts, DataCategory.NOTE);
        assertFalse(notGranted.allowed());
        assertTrue(notGranted.callerMayKnowPatient(), "a grantee knows the patient: 403");
        assertFalse(decide(provider, Action.WRITE, facts, null).allowed(), "a grant is read-only");
        AccessDecision any = decide(provider, Action.READ, facts, null);
        assertEquals(EnumSet.of(DataCategory.CONDITION, DataCategory.DEMOGRAPHICS), any.categories());

        Facts expired = new Facts();
        expired.grants.add(new AccessFacts.GrantFact(EnumSet.of(DataCategory.CONDITION), NOW));
        assertFalse(decide(provider, Action.READ, expired, DataCategory.CONDITION).allowed());
    }

    @Test
    void anAppSeesOnlyTheCategoriesAPatientGrantedIt() {
        Caller app = caller(Role.APP, null, OTHER_ORG);
        assertFalse(decide(app, Action.READ, new Facts(), DataCategory.DEMOGRAPHICS).allowed());
        assertFalse(decide(app, Action.READ, new Facts(), null).callerMayKnowPatient());
        Facts facts = new Facts();
        facts.grants.add(new AccessFacts.GrantFact(EnumSet.of(DataCategory.MEDICATION, DataCategory.ALLERGY), null));
        assertEquals(Basis.GRANT, decide(app, Action.READ, facts, DataCategory.ALLERGY).basis());
        assertFalse(decide(app, Action.READ, facts, DataCategory.OBSERVATION).allowed());
        for (Action action : Action.values()) {
            if (action != Action.READ) {
                assertFalse(decide(app, action, facts, null).allowed(), action.name());
            }
        }
    }

    @Test
    void staffSeeAndMaintainTheirOrganizationsPatientsOnly() {
        Caller staff = caller(Role.STAFF, null, ORG);
        for (Action action : List.of(Action.READ, Action.WRITE, Action.DECIDE_AMENDMENT, Action.MANAGE_CARE_TEAM,
                Action.MANAGE_PROXIES, Action.READ_ACCESS_LOG)) {
            assertEquals(Basis.STAFF, decide(staff, action, new Facts(), null).basis(), action.name());
        }
        assertFalse(decide(staff, Action.SHARE, new Facts(), null).allowed(), "sharing is the patient's decision");
        assertFalse(decide(staff, Action.REQUEST_AMENDMENT, new Facts(), null).allowed());
        Caller otherStaff = caller(Role.STAFF, null, OTHER_ORG);
        for (Action action : Action.values()) {
            AccessDecision denied = decide(otherStaff, action, new Facts(), null);
            assertFalse(denied.allowed(), action.name());
            assertFalse(denied.callerMayKnowPatient());
        }
    }

    @Test
    void adminsManageAccountsNotCharts() {
        Caller admin = caller(Role.ADMIN, null, ORG);
        for (Action action : Action.values()) {
            AccessDecision denied = decide(admin, action, new Facts(), null);
            assertFalse(denied.allowed(), action.name());
            assertFalse(denied.callerMayKnowPatient());
        }
        Facts granted = new Facts();
        granted.grants.add(new AccessFacts.GrantFact(EnumSet.of(DataCategory.CONDITION), null));
        assertFalse(decide(admin, Action.READ, granted, DataCategory.CONDITION).allowed(), "not even through an organization grant");
        assertFalse(AccessPolicy.decideBreakGlass(admin, new Facts().build(), NOW).allowed());
    }

    @Test
    void breakTheGlassIsForAProviderWithNoOtherBasisAndEndsWhenItExpires() {
        Caller provider = caller(Role.PROVIDER, null, OTHER_ORG);
        assertTrue(AccessPolicy.decideBreakGlass(provider, new Facts().build(), NOW).allowed());
        Facts careTeam = new Facts();
        careTeam.careTeam.add(OPEN);
        AccessDecision already = AccessPolicy.decideBreakGlass(provider, careTeam.build(), NOW);
        assertFalse(already.allowed());
        assertEquals(AccessPolicy.ALREADY_HAS_ACCESS, already.reason());
        Facts partialGrant = new Facts();
        partialGrant.grants.add(new AccessFacts.GrantFact(EnumSet.of(DataCategory.CONDITION), null));
        assertTrue(AccessPolicy.decideBreakGlass(provider, partialGrant.build(), NOW).allowed(),
                "a grant of some categories does not open the whole chart in an emergency");
        assertFalse(AccessPolicy.decideBreakGlass(caller(Role.PATIENT, PATIENT, null), new Facts().build(), NOW).allowed());
        assertFalse(AccessPolicy.decideBreakGlass(caller(Role.STAFF, null, ORG), new Facts().build(), NOW).allowed());
        assertFalse(AccessPolicy.decideBreakGlass(provider, null, NOW).allowed());

        Facts session = new Facts();
        session.breakGlass.add(new AccessFacts.Span(NOW.minus(Duration.ofMinutes(10)), NOW.plus(Duration.ofMinutes(50))));
        AccessDecision read = decide(provider, Action.READ, session, DataCategory.NOTE);
        assertEquals(Basis.BREAK_THE_GLASS, read.basis());
        assertEquals(Basis.BREAK_THE_GLASS, decide(provider, Action.WRITE, session, null).basis());
        assertFalse(decide(provider, Action.MANAGE_CARE_TEAM, session, null).allowed());

        Facts expired = new Facts();
        expired.breakGlass.add(new AccessFacts.Span(NOW.minus(Duration.ofHours(1)), NOW));
        assertFalse(decide(provider, Action.READ, expired, null).allowed());
        assertFalse(decide(provider, Action.READ, expired, null).callerMayKnowPatient());

        Facts sessionOfANonProvider = new Facts();
        sessionOfANonProvider.breakGlass.add(OPEN);
        assertFalse(decide(caller(Role.APP, null, OTHER_ORG), Action.READ, sessionOfANonProvider, null).allowed());
    }

    @Test
    void theBasisRecordedIsTheOneThatCoversTheCategory() {
        Caller provider = caller(Role.PROVIDER, null, OTHER_ORG);
        Facts facts = new Facts();
        facts.grants.add(new AccessFacts.GrantFact(EnumSet.of(DataCategory.CONDITION), null));
        facts.breakGlass.add(OPEN);
        assertEquals(Basis.GRANT, decide(provider, Action.READ, facts, DataCategory.CONDITION).basis());
        assertEquals(Basis.BREAK_THE_GLASS, decide(provider, Action.READ, facts, DataCategory.NOTE).basis());
        assertEquals(Basis.BREAK_THE_GLASS, decide(provider, Action.READ, facts, null).basis(), "the whole chart");
        facts.careTeam.add(OPEN);
        assertEquals(Basis.CARE_TEAM, decide(provider, Action.READ, facts, DataCategory.NOTE).basis());
    }

    @Test
    void nobodyKnowsAPatientThatDoesNotExist() {
        AccessDecision decision = AccessPolicy.decide(caller(Role.STAFF, null, ORG), Action.READ, null, null, NOW);
        assertFalse(decision.allowed());
        assertFalse(decision.callerMayKnowPatient());
        Caller anonymous = Caller.anonymous(null);
        assertFalse(AccessPolicy.decide(anonymous, Action.READ, new Facts().build(), null, NOW).allowed());
    }
}
