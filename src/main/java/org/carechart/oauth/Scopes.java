package org.carechart.oauth;

import org.carechart.access.DataCategory;
import org.carechart.access.SmartScopes;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The scopes this server grants, as the authorization server handles them: parsing a request's
 * {@code scope}, checking it against what the app registered, and telling a patient in plain words
 * what it means. What a resource scope opens is {@link SmartScopes}' (access's) rule, not a copy.
 */
public final class Scopes {

    static final String OPENID = "openid";
    static final String FHIR_USER = "fhirUser";
    static final String LAUNCH_PATIENT = "launch/patient";
    static final String OFFLINE_ACCESS = "offline_access";
    static final String ONLINE_ACCESS = "online_access";

    private static final Set<String> PLAIN = Set.of(OPENID, FHIR_USER, LAUNCH_PATIENT, OFFLINE_ACCESS, ONLINE_ACCESS);

    private static final String CONDITION_CATEGORY = "patient/Condition.rs?category=http://terminology.hl7.org/CodeSystem/condition-category|";
    private static final String US_CORE_CONDITION = "patient/Condition.rs?category=http://hl7.org/fhir/us/core/CodeSystem/condition-category|";
    private static final String OBSERVATION_CATEGORY = "patient/Observation.rs?category=http://terminology.hl7.org/CodeSystem/observation-category|";
    private static final String US_CORE_CATEGORY = "patient/Observation.rs?category=http://hl7.org/fhir/us/core/CodeSystem/us-core-category|";

    /**
     * The scopes this server advertises (discovery's {@code scopes_supported}, the published contract's OAuth
     * flows), each with what it means to an app developer. Narrower resource scopes of the same shape are
     * understood too ({@link #known}).
     */
    public static final Map<String, String> SUPPORTED = supported();

    private static Map<String, String> supported() {
        Map<String, String> scopes = new LinkedHashMap<>();
        scopes.put(OPENID, "An OpenID Connect id token (RS256, aud = the client id)");
        scopes.put(FHIR_USER, "The id token names the signed-in person as a FHIR resource (fhirUser)");
        scopes.put(LAUNCH_PATIENT, "A patient in context (standalone launch): the token response names the patient");
        scopes.put(OFFLINE_ACCESS, "A rotating refresh token that outlives the session (the patient may untick it)");
        scopes.put(ONLINE_ACCESS, "Accepted as SMART defines it; gives no refresh token (only offline_access does)");
        scopes.put("patient/*.rs", "Read everything the patient's grant allows, for the patient in context");
        scopes.put("patient/*.read", "SMART v1 form of patient/*.rs");
        scopes.put("user/*.rs", "Provider apps: read what the signed-in provider may see anyway");
        scopes.put("user/*.read", "SMART v1 form of user/*.rs");
        scopes.put("system/*.rs", "Backend Services (client_credentials): read the patients who granted this client "
                + "or its organization access");
        scopes.put("system/*.read", "SMART v1 form of system/*.rs");
        scopes.put("patient/Patient.rs", "Read the patient's demographics");
        scopes.put("patient/Condition.rs", "Read the patient's conditions");
        scopes.put("patient/Observation.rs", "Read the patient's observations (lab results, vital signs, other measurements)");
        scopes.put(CONDITION_CATEGORY + "encounter-diagnosis", "Read conditions: encounter diagnoses");
        scopes.put(CONDITION_CATEGORY + "problem-list-item", "Read conditions: problem list items");
        scopes.put(US_CORE_CONDITION + "health-concern", "Read conditions: health concerns");
        for (String category : List.of("laboratory", "social-history", "vital-signs", "survey")) {
            scopes.put(OBSERVATION_CATEGORY + category, "Read observations (" + category + "; the chart keeps no "
                    + "observation sub-category yet, so this opens all observations)");
        }
        for (String category : List.of("sdoh", "clinical-test")) {
            scopes.put(US_CORE_CATEGORY + category, "Read observations (" + category + "; the chart keeps no "
                    + "observation sub-category yet, so this opens all observations)");
        }
        return java.util.Collections.unmodifiableMap(scopes);
    }

    private Scopes() {
    }

    static boolean known(String scope) {
        return scope != null && (PLAIN.contains(scope) || SmartScopes.parse(scope).isPresent());
    }

    static List<String> split(String scope) {
        if (scope == null || scope.isBlank()) {
            return List.of();
        }
        return List.copyOf(new LinkedHashSet<>(Arrays.asList(scope.trim().split(" +"))));
    }

    /** May an app that registered {@code registered} ask for {@code requested}? Exactly, or a narrower resource scope. */
    static boolean allowed(String requested, List<String> registered) {
        if (registered.contains(requested)) {
            return true;
        }
        Optional<SmartScopes.Scope> asked = SmartScopes.parse(requested);
        if (asked.isEmpty()) {
            return false;
        }
        SmartScopes.Scope s = asked.get();
        for (String text : registered) {
            Optional<SmartScopes.Scope> r = SmartScopes.parse(text);
            if (r.isPresent() && r.get().context().equals(s.context())
                    && ("*".equals(r.get().type()) || r.get().type().equals(s.type()))
                    && (r.get().category() == null || r.get().category().equals(s.category()))
                    && (!s.read() || r.get().read()) && (!s.write() || r.get().write())) {
                return true;
            }
        }
        return false;
    }

    static boolean resource(String scope, String context) {
        return SmartScopes.parse(scope).map(s -> s.context().equals(context)).orElse(false);
    }

    /** The chart categories the resource scopes of a request name, for the consent page. */
    static Set<DataCategory> categories(List<String> scopes) {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        for (String scope : scopes) {
            SmartScopes.parse(scope).ifPresent(s -> categories.addAll(s.categories()));
        }
        return categories;
    }

    /** A category as a patient reads it on the consent page. */
    static String plainWords(DataCategory category) {
        return switch (category) {
            case DEMOGRAPHICS -> "Your name, birth date and contact details";
            case ENCOUNTER -> "Visits and hospital stays";
            case CONDITION -> "Conditions, diagnoses and health concerns";
            case MEDICATION -> "Medicines";
            case ALLERGY -> "Allergies";
            case IMMUNIZATION -> "Vaccinations";
            case OBSERVATION -> "Lab results, vital signs and other measurements";
            case NOTE -> "Clinical notes your care team wrote";
            case DOCUMENT -> "Documents and attachments";
            case PROCEDURE -> "Procedures you had";
            case COVERAGE -> "Your health insurance: insurer, member number and dates";
        };
    }

    /** Echo a client's scope only when it is short and plain. */
    static String safe(String scope) {
        return scope != null && scope.matches("[A-Za-z0-9/*._?=|:-]{1,80}") ? scope : "(not a scope)";
    }
}
