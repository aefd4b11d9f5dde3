package org.carechart.fhir;

import org.carechart.chart.Clinical;
import org.carechart.chart.api.EntryQuery;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.Year;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * FHIR search parameters as clients send them, turned into a chart query: {@code patient=Patient/x}
 * or {@code patient=x}, {@code system|code} tokens, comma-separated alternatives, dates with
 * {@code eq gt ge lt le} and the precision the client wrote. A bad value is a 400 naming the parameter.
 */
final class FhirSearch {

    static final int DEFAULT_COUNT = 20;
    static final int MAX_COUNT = 100;
    static final String REVINCLUDE_PROVENANCE = "Provenance:target";
    static final Set<String> CONTROL = Set.of("_count", "_cursor", "_revinclude", "_format", "_include", "_sort",
            "_summary", "_elements", "_total");

    private final FhirType type;
    private final Map<String, List<String>> params;

    FhirSearch(FhirType type, Map<String, List<String>> params) {
        this.type = type;
        this.params = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if (name.contains(":")) {
                throw FhirException.badRequest(name, "Search modifiers are not supported.");
            }
            List<String> kept = values.stream().filter(v -> v != null && !v.isBlank()).toList();
            if (!kept.isEmpty()) {
                this.params.put(name, kept);
            }
        });
    }

    /** The parameters this search uses, in a stable order: what the Bundle's self link repeats. */
    Map<String, List<String>> used() {
        Map<String, List<String>> used = new LinkedHashMap<>();
        params.forEach((name, values) -> {
            if ((type.searchParams().contains(name) || name.equals("subject") || CONTROL.contains(name))
                    && !name.equals("_cursor")) {
                used.put(name, values);
            }
        });
        return used;
    }

    Optional<String> one(String name) {
        List<String> values = params.get(name);
        if (values == null) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw FhirException.badRequest(name, "Give alternatives comma-separated in one " + name + " parameter.");
        }
        return Optional.of(values.get(0));
    }

    /** Comma-separated alternatives of a token parameter (empty when absent). */
    List<String> tokens(String name) {
        return one(name).map(v -> Arrays.stream(v.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList())
                .orElse(List.of());
    }

    /** The codes of a token parameter whose system, when given, is {@code system}. */
    List<String> codesIn(String name, String system) {
        return tokens(name).stream().map(token -> {
            int bar = token.indexOf('|');
            if (bar < 0) {
                return token;
            }
            return token.substring(0, bar).equals(system) || bar == 0 ? token.substring(bar + 1) : null;
        }).filter(java.util.Objects::nonNull).toList();
    }

    /** The patient of {@code patient} (or {@code subject}): {@code Patient/id}, an absolute URL to it, or the id. */
    UUID patient(boolean required) {
        Optional<String> value = one("patient").or(() -> one("subject"));
        if (value.isEmpty()) {
            if (required) {
                throw FhirException.required("patient", "The patient search parameter is required for " + type.typeName() + ".");
            }
            return null;
        }
        return id(value.get(), "patient", "Patient");
    }

    static UUID id(String reference, String param, String typeName) {
        String id = reference;
        int slash = reference.lastIndexOf('/');
        if (slash >= 0) {
            String before = reference.substring(0, slash);
            if (!(before.equals(typeName) || before.endsWith("/" + typeName))) {
                throw FhirException.badRequest(param, "must reference a " + typeName + ".");
            }
            id = reference.substring(slash + 1);
        }
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw FhirException.badRequest(param, "is not an id this server issues.");
        }
    }

    int count() {
        return one("_count").map(v -> {
            try {
                int n = Integer.parseInt(v.trim());
                if (n < 1) {
                    throw FhirException.badRequest("_count", "must be a positive number.");
                }
                return Math.min(n, MAX_COUNT);
            } catch (NumberFormatException e) {
                throw FhirException.badRequest("_count", "must be a positive number.");
            }
        }).orElse(DEFAULT_COUNT);
    }

    boolean revincludeProvenance() {
        return params.getOrDefault("_revinclude", List.of()).stream()
                .flatMap(v -> Arrays.stream(v.split(","))).map(String::trim).anyMatch(REVINCLUDE_PROVENANCE::equals);
    }

    /** [from, to) of every value of a date parameter, intersected (date=ge2024&date=lt2025). */
    Instant[] dates(String name) {
        Instant from = null;
        Instant to = null;
        for (String raw : params.getOrDefault(name, List.of())) {
            if (raw.contains(",")) {
                throw FhirException.badRequest(name, "Alternatives of dates are not supported; give a range with ge and lt.");
            }
            String prefix = raw.length() > 2 && Character.isLetter(raw.charAt(0)) ? raw.substring(0, 2) : "eq";
            String value = prefix.equals("eq") && !raw.startsWith("eq") ? raw : raw.substring(2);
            Instant[] span = span(name, value);
            Instant lo = null;
            Instant hi = null;
            switch (prefix) {
                case "eq" -> { lo = span[0]; hi = span[1]; }
                case "ge" -> lo = span[0];
                case "gt" -> lo = span[1];
                case "lt" -> hi = span[0];
                case "le" -> hi = span[1];
                default -> throw FhirException.badRequest(name, "Prefix " + prefix + " is not supported (use eq, gt, ge, lt, le).");
            }
            if (lo != null && (from == null || lo.isAfter(from))) from = lo;
            if (hi != null && (to == null || hi.isBefore(to))) to = hi;
        }
        return new Instant[]{from, to};
    }

    /** The instants a date of the client's precision covers: [start, end). */
    static Instant[] span(String name, String value) {
        try {
            if (value.matches("\\d{4}")) {
                Year y = Year.parse(value);
                return new Instant[]{y.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                        y.plusYears(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()};
            }
            if (value.matches("\\d{4}-\\d{2}")) {
                YearMonth m = YearMonth.parse(value);
                return new Instant[]{m.atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant(),
                        m.plusMonths(1).atDay(1).atStartOfDay(ZoneOffset.UTC).toInstant()};
            }
            if (value.matches("\\d{4}-\\d{2}-\\d{2}")) {
                LocalDate d = LocalDate.parse(value);
                return new Instant[]{d.atStartOfDay(ZoneOffset.UTC).toInstant(), d.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()};
            }
            Instant at = OffsetDateTime.parse(value).toInstant();
            return new Instant[]{at, at.plusSeconds(1)};
        } catch (DateTimeParseException e) {
            throw FhirException.badRequest(name, "is not a FHIR date or dateTime with a time zone.");
        }
    }

    // ---------------------------------------------------------------- per type

    /**
     * Whether an Observation search asks for blood-pressure panels (code 85354-9). They are made of
     * two entries each, so they are searched on their own: 85354-9 with other codes is a 400.
     */
    boolean bloodPressurePanels() {
        if (type != FhirType.OBSERVATION) {
            return false;
        }
        List<String> all = tokens("code");
        List<String> loinc = codesIn("code", FhirMapper.LOINC);
        if (!loinc.contains(FhirMapper.BP_PANEL)) {
            return false;
        }
        if (all.size() > 1) {
            throw FhirException.badRequest("code", "Search blood-pressure panels (85354-9) without other codes.");
        }
        return true;
    }

    /** The chart query a search of {@code type} stands for. */
    EntryQuery entryQuery() {
        List<String> codes = new ArrayList<>();
        List<String> statuses = new ArrayList<>();
        Set<String> excluded = Set.of();
        boolean nothing = false;
        Instant[] dates = {null, null};
        switch (type) {
            case OBSERVATION -> {
                List<String> categories = codesIn("category", FhirMapper.OBSERVATION_CATEGORY);
                boolean lab = categories.isEmpty() || categories.contains("laboratory");
                boolean vital = categories.isEmpty() || categories.contains("vital-signs");
                boolean social = categories.isEmpty() || categories.contains("social-history");
                // blood-pressure panels are made of the systolic entries (and their diastolic partners)
                codes.addAll(bloodPressurePanels() ? List.of(FhirMapper.SYSTOLIC) : tokens("code"));
                if (!lab && !vital && !social) {
                    nothing = true;
                } else if (!lab) {
                    Set<String> allowed = new java.util.TreeSet<>();
                    if (vital) allowed.addAll(Clinical.VITAL_CODES);
                    if (social) allowed.addAll(Clinical.SOCIAL_HISTORY_CODES);
                    if (codes.isEmpty()) {
                        codes.addAll(allowed);
                    } else {
                        codes.removeIf(c -> !allowed.contains(c.substring(c.indexOf('|') + 1)));
                        nothing = codes.isEmpty();
                    }
                } else {
                    Set<String> other = new java.util.HashSet<>();
                    if (!vital) other.addAll(Clinical.VITAL_CODES);
                    if (!social) other.addAll(Clinical.SOCIAL_HISTORY_CODES);
                    excluded = other;
                }
                statuses.addAll(tokens("status"));
                dates = dates("date");
            }
            case DIAGNOSTIC_REPORT -> {
                // lab results (not vital signs, not social history), grouped into reports by the service
                List<String> categories = codesIn("category", "http://terminology.hl7.org/CodeSystem/v2-0074");
                List<String> reportCodes = codesIn("code", FhirMapper.LOINC);
                nothing = !categories.isEmpty() && !categories.contains("LAB")
                        || one("code").isPresent() && !reportCodes.contains(FhirMapper.LAB_REPORT);
                Set<String> other = new java.util.HashSet<>(Clinical.VITAL_CODES);
                other.addAll(Clinical.SOCIAL_HISTORY_CODES);
                excluded = other;
                statuses.addAll(tokens("status"));
                dates = dates("date");
            }
            case CONDITION -> {
                List<String> categories = codesIn("category", FhirMapper.CONDITION_CATEGORY);
                nothing = !categories.isEmpty() && !categories.contains("problem-list-item");
                codes.addAll(tokens("code"));
                statuses.addAll(codesIn("clinical-status", "http://terminology.hl7.org/CodeSystem/condition-clinical"));
                dates = dates("onset-date");
            }
            case ALLERGY_INTOLERANCE ->
                    statuses.addAll(codesIn("clinical-status", "http://terminology.hl7.org/CodeSystem/allergyintolerance-clinical"));
            case MEDICATION_REQUEST -> {
                List<String> intents = tokens("intent");
                nothing = !intents.isEmpty() && !intents.contains("order");
                statuses.addAll(tokens("status"));
                dates = dates("authoredon");
            }
            case IMMUNIZATION -> {
                statuses.addAll(tokens("status"));
                dates = dates("date");
            }
            case PROCEDURE -> {
                codes.addAll(tokens("code"));
                statuses.addAll(tokens("status"));
                dates = dates("date");
            }
            case ENCOUNTER -> {
                codes.addAll(tokens("type"));
                statuses.addAll(tokens("status"));
                dates = dates("date");
            }
            case DOCUMENT_REFERENCE -> {
                List<String> categories = codesIn("category", FhirMapper.DOCUMENT_CATEGORY);
                nothing = !categories.isEmpty() && !categories.contains("clinical-note");
                codes.addAll(tokens("type"));
                statuses.addAll(tokens("status"));
                dates = dates("date");
            }
            default -> throw new IllegalStateException(type + " is not a chart search");
        }
        List<String> chartCategories = type == FhirType.DIAGNOSTIC_REPORT ? List.of("observation") : type.chartCategories();
        return new EntryQuery(chartCategories, nothing, codes, excluded, dates[0], dates[1], statuses,
                "fhir=" + type.typeName());
    }
}
