package org.carechart.access;

import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SMART on FHIR scopes (App Launch 2.0, and the 1.0 {@code read}/{@code write} form older apps send),
 * in the chart's terms: which {@link DataCategory}s a scope opens for which {@link Action}. This is
 * the one map from FHIR resource types and category codes to the chart's categories; the access
 * policy intersects it with the caller's bases, and the authorization server uses it to show and
 * narrow what an app asks for.
 *
 * <p>The chart keeps no sub-category of observations or conditions, so a granular scope such as
 * {@code patient/Observation.rs?category=...|laboratory} opens the whole {@code observation}
 * category (and the consent page says so).
 */
public final class SmartScopes {

    /**
     * FHIR types that describe populations, never a person: {@code system/Measure.rs} and
     * {@code system/MeasureReport.rs} are a quality monitor's scopes (package quality).
     */
    public static final Set<String> AGGREGATE_TYPES = Set.of("Measure", "MeasureReport");

    /** FHIR resource types (US Core) and the chart category each one reads. */
    private static final Map<String, Set<DataCategory>> TYPES = new LinkedHashMap<>();

    static {
        TYPES.put("Patient", EnumSet.of(DataCategory.DEMOGRAPHICS));
        TYPES.put("Encounter", EnumSet.of(DataCategory.ENCOUNTER));
        TYPES.put("Condition", EnumSet.of(DataCategory.CONDITION));
        TYPES.put("MedicationRequest", EnumSet.of(DataCategory.MEDICATION));
        TYPES.put("MedicationStatement", EnumSet.of(DataCategory.MEDICATION));
        TYPES.put("Medication", EnumSet.of(DataCategory.MEDICATION));
        TYPES.put("AllergyIntolerance", EnumSet.of(DataCategory.ALLERGY));
        TYPES.put("Immunization", EnumSet.of(DataCategory.IMMUNIZATION));
        TYPES.put("Procedure", EnumSet.of(DataCategory.PROCEDURE));
        TYPES.put("Observation", EnumSet.of(DataCategory.OBSERVATION));
        TYPES.put("DiagnosticReport", EnumSet.of(DataCategory.OBSERVATION));
        TYPES.put("DocumentReference", EnumSet.of(DataCategory.NOTE, DataCategory.DOCUMENT));
        TYPES.put("Coverage", EnumSet.of(DataCategory.COVERAGE));
        // Aggregate types (quality monitors): they open no chart category at all.
        for (String aggregate : AGGREGATE_TYPES) {
            TYPES.put(aggregate, Set.of());
        }
    }

    /** The one FHIR type each category is asked for by, when a wildcard scope is narrowed to some categories. */
    private static final Map<DataCategory, String> TYPE_OF = Map.ofEntries(
            Map.entry(DataCategory.DEMOGRAPHICS, "Patient"), Map.entry(DataCategory.ENCOUNTER, "Encounter"),
            Map.entry(DataCategory.CONDITION, "Condition"), Map.entry(DataCategory.MEDICATION, "MedicationRequest"),
            Map.entry(DataCategory.ALLERGY, "AllergyIntolerance"), Map.entry(DataCategory.IMMUNIZATION, "Immunization"),
            Map.entry(DataCategory.OBSERVATION, "Observation"), Map.entry(DataCategory.NOTE, "DocumentReference"),
            Map.entry(DataCategory.DOCUMENT, "DocumentReference"), Map.entry(DataCategory.PROCEDURE, "Procedure"),
            Map.entry(DataCategory.COVERAGE, "Coverage"));

    /** Category codes of the granular scopes US certification names, per resource type. */
    private static final Map<String, Set<String>> CATEGORY_CODES = Map.of(
            "Condition", Set.of("encounter-diagnosis", "problem-list-item", "health-concern"),
            "Observation", Set.of("laboratory", "social-history", "vital-signs", "survey", "sdoh", "clinical-test",
                    "imaging", "exam", "procedure", "therapy", "activity"));

    private static final Pattern RESOURCE_SCOPE = Pattern.compile(
            "(patient|user|system)/(\\*|[A-Z][A-Za-z]{1,63})\\.(\\*|read|write|c?r?u?d?s?)(\\?category=([^\\s&]{1,200}))?");

    /** A parsed resource scope: context, resource type ({@code *} for all), permissions, optional category code. */
    public record Scope(String context, String type, boolean read, boolean write, String category) {

        /** The chart categories this scope names. */
        public Set<DataCategory> categories() {
            if ("*".equals(type)) {
                return EnumSet.allOf(DataCategory.class);
            }
            return TYPES.getOrDefault(type, Set.of());
        }
    }

    private SmartScopes() {
    }

    /** A resource scope ({@code patient/...}, {@code user/...}, {@code system/...}) of a type we serve; empty otherwise. */
    public static Optional<Scope> parse(String scope) {
        if (scope == null) {
            return Optional.empty();
        }
        Matcher m = RESOURCE_SCOPE.matcher(scope);
        if (!m.matches()) {
            return Optional.empty();
        }
        String type = m.group(2);
        if (!"*".equals(type) && !TYPES.containsKey(type)) {
            return Optional.empty();
        }
        String permissions = m.group(3);
        boolean read;
        boolean write;
        switch (permissions) {
            case "*" -> { read = true; write = true; }
            case "read" -> { read = true; write = false; }
            case "write" -> { read = false; write = true; }
            default -> {
                if (permissions.isEmpty()) {
                    return Optional.empty();
                }
                read = permissions.contains("r") || permissions.contains("s");
                write = permissions.contains("c") || permissions.contains("u") || permissions.contains("d");
            }
        }
        String category = m.group(5);
        if (category != null) {
            int bar = category.lastIndexOf('|');
            String code = bar >= 0 ? category.substring(bar + 1) : category;
            if (!CATEGORY_CODES.getOrDefault(type, Set.of()).contains(code)) {
                return Optional.empty();
            }
            category = code;
        }
        return Optional.of(new Scope(m.group(1), type, read, write, category));
    }

    /** An aggregate scope ({@code system/Measure.rs}, {@code system/MeasureReport.rs}): reads populations, no chart data. */
    public static boolean aggregate(String scope) {
        return parse(scope).filter(s -> "system".equals(s.context()) && AGGREGATE_TYPES.contains(s.type())
                && s.read() && !s.write() && s.category() == null).isPresent();
    }

    /**
     * Scopes that make a quality monitor: at least one, every one aggregate. Such a token carries the
     * {@code quality} role instead of {@code app} (oauth), and the access policy refuses it every chart.
     */
    public static boolean aggregateOnly(java.util.Collection<String> scopes) {
        return !scopes.isEmpty() && scopes.stream().allMatch(SmartScopes::aggregate);
    }

    /**
     * The categories the given scopes open for an action: reads need {@code r}/{@code s} (or
     * {@code read}), writes {@code c}/{@code u}/{@code d} (or {@code write}); anything else an app
     * may never do (share, manage proxies, read the access log).
     */
    public static Set<DataCategory> categories(Set<String> scopes, Action action) {
        Set<DataCategory> open = EnumSet.noneOf(DataCategory.class);
        for (String text : scopes) {
            parse(text).ifPresent(scope -> {
                boolean permits = switch (action) {
                    case READ -> scope.read();
                    case WRITE -> scope.write();
                    default -> false;
                };
                if (permits) {
                    open.addAll(scope.categories());
                }
            });
        }
        return open;
    }

    /**
     * The scopes that remain when only {@code allowed} categories may be read: a scope wholly
     * inside stays as it was, a wildcard becomes one scope per allowed category (in the same
     * context and permissions), anything else outside goes. Non-resource scopes are kept.
     */
    public static List<String> narrow(List<String> scopes, Set<DataCategory> allowed) {
        Set<String> kept = new LinkedHashSet<>();
        for (String text : scopes) {
            Optional<Scope> parsed = parse(text);
            if (parsed.isEmpty()) {
                kept.add(text);
                continue;
            }
            Scope scope = parsed.get();
            if (allowed.containsAll(scope.categories())) {
                kept.add(text);
            } else if ("*".equals(scope.type())) {
                String permissions = text.substring(text.indexOf('.') + 1);
                for (DataCategory category : DataCategory.values()) {
                    if (allowed.contains(category)) {
                        kept.add(scope.context() + "/" + TYPE_OF.get(category) + "." + permissions);
                    }
                }
            } else if (scope.categories().stream().anyMatch(allowed::contains) && scope.categories().size() > 1) {
                kept.add(text);
            }
        }
        return List.copyOf(kept);
    }
}
