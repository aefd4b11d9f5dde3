package org.carechart.oauth;

import org.carechart.access.DataCategory;
import org.carechart.access.SmartScopes;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The scopes this server grants, as the authorization server handles them: parsing a request's
 * {@code scope}, checking it against what the app registered, and telling a patient in plain words
 * what it means. What a resource scope opens is {@link SmartScopes}' (access's) rule, not a copy.
 */
final class Scopes {

    static final String OPENID = "openid";
    static final String FHIR_USER = "fhirUser";
    static final String LAUNCH_PATIENT = "launch/patient";
    static final String OFFLINE_ACCESS = "offline_access";
    static final String ONLINE_ACCESS = "online_access";

    private static final Set<String> PLAIN = Set.of(OPENID, FHIR_USER, LAUNCH_PATIENT, OFFLINE_ACCESS, ONLINE_ACCESS);

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
        };
    }

    /** Echo a client's scope only when it is short and plain. */
    static String safe(String scope) {
        return scope != null && scope.matches("[A-Za-z0-9/*._?=|:-]{1,80}") ? scope : "(not a scope)";
    }
}
