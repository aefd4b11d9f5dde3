package org.carechart.access;

import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What each SMART scope opens in the chart: the one map the access policy and the consent page share. */
class SmartScopesTest {

    @Test
    void v2AndV1ReadScopesOpenTheSameCategories() {
        for (String scope : List.of("patient/Observation.rs", "patient/Observation.r", "patient/Observation.read",
                "patient/Observation.*")) {
            assertEquals(EnumSet.of(DataCategory.OBSERVATION), SmartScopes.categories(Set.of(scope), Action.READ), scope);
        }
        assertEquals(EnumSet.allOf(DataCategory.class), SmartScopes.categories(Set.of("patient/*.rs"), Action.READ));
        assertEquals(EnumSet.of(DataCategory.NOTE, DataCategory.DOCUMENT),
                SmartScopes.categories(Set.of("user/DocumentReference.rs"), Action.READ));
    }

    @Test
    void readScopesNeverWriteAndWriteScopesNeverRead() {
        assertTrue(SmartScopes.categories(Set.of("patient/*.rs", "patient/*.read"), Action.WRITE).isEmpty());
        assertEquals(EnumSet.of(DataCategory.CONDITION), SmartScopes.categories(Set.of("patient/Condition.cud"), Action.WRITE));
        assertTrue(SmartScopes.categories(Set.of("patient/Condition.cud", "patient/Condition.write"), Action.READ).isEmpty());
        // no scope lets an app share or manage on the patient's behalf
        assertTrue(SmartScopes.categories(Set.of("patient/*.*", "patient/*.cruds"), Action.SHARE).isEmpty());
    }

    @Test
    void granularCategoryScopesAreTheOnesUsCertificationNames() {
        assertEquals("laboratory", SmartScopes.parse(
                "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|laboratory")
                .orElseThrow().category());
        assertEquals("health-concern", SmartScopes.parse("patient/Condition.rs?category=health-concern").orElseThrow().category());
        // a category the type does not have, and a code of another type, are not scopes we grant
        assertTrue(SmartScopes.parse("patient/Observation.rs?category=problem-list-item").isEmpty());
        assertTrue(SmartScopes.parse("patient/Immunization.rs?category=laboratory").isEmpty());
    }

    @Test
    void malformedOrUnknownScopesOpenNothing() {
        for (String scope : List.of("", "patient", "patient/", "patient/Observation", "patient/Observation.",
                "patient/Observation.x", "patient/observation.rs", "doctor/Observation.rs", "patient/Spaceship.rs",
                "patient/*.rs extra", "patient/Observation.rs?category=")) {
            assertTrue(SmartScopes.parse(scope).isEmpty(), scope);
            assertTrue(SmartScopes.categories(Set.of(scope), Action.READ).isEmpty(), scope);
        }
        assertTrue(SmartScopes.parse(null).isEmpty());
    }

    @Test
    void narrowingAWildcardKeepsOneScopePerAllowedCategoryInTheSameContext() {
        List<String> narrowed = SmartScopes.narrow(List.of("launch/patient", "patient/*.rs", "offline_access"),
                EnumSet.of(DataCategory.OBSERVATION, DataCategory.CONDITION));
        assertEquals(List.of("launch/patient", "patient/Condition.rs", "patient/Observation.rs", "offline_access"), narrowed);
        assertEquals(EnumSet.of(DataCategory.OBSERVATION, DataCategory.CONDITION),
                SmartScopes.categories(Set.copyOf(narrowed), Action.READ));
    }

    @Test
    void narrowingDropsTypesOutsideWhatThePatientAllowed() {
        List<String> narrowed = SmartScopes.narrow(List.of("patient/Observation.rs", "patient/Immunization.rs"),
                EnumSet.of(DataCategory.OBSERVATION));
        assertEquals(List.of("patient/Observation.rs"), narrowed);
        assertFalse(SmartScopes.categories(Set.copyOf(narrowed), Action.READ).contains(DataCategory.IMMUNIZATION));
    }
}
