package org.carechart.chart;

import java.util.Set;

/** Clinical vocabulary the chart validates against and sorts by. */
public final class Clinical {

    static final String LOINC = "http://loinc.org";

    static final Set<String> CODE_SYSTEMS = Set.of(
            "http://snomed.info/sct", LOINC, "http://www.nlm.nih.gov/research/umls/rxnorm",
            "http://hl7.org/fhir/sid/cvx", "http://hl7.org/fhir/sid/icd-10-cm");

    /** Vital-sign LOINC codes (the FHIR vital-signs profile); any other observation is a lab result. */
    public static final Set<String> VITAL_CODES = Set.of(
            "8480-6", "8462-4", "85354-9", "8867-4", "29463-7", "8302-2", "39156-5", "8310-5", "9279-1", "2708-6",
            "59408-5", "8287-5");

    /**
     * Social-history LOINC codes (FHIR category social-history): tobacco smoking status, its value a
     * finding in {@code valueText}. Neither a vital sign nor a lab result.
     */
    public static final Set<String> SOCIAL_HISTORY_CODES = Set.of("72166-2");

    static final Set<String> STATUSES = Set.of("active", "inactive", "resolved", "remission", "recurrence",
            "completed", "finished", "in-progress", "planned", "cancelled", "stopped", "on-hold", "final",
            "preliminary", "amended", "corrected", "current", "superseded", "not-done");

    static final String ENTERED_IN_ERROR = "entered-in-error";

    /** HL7 v2 observation interpretation codes; N is normal, the rest flag an abnormal value. */
    static final Set<String> INTERPRETATIONS = Set.of("N", "L", "H", "LL", "HH", "A", "AA");

    private Clinical() {
    }

    /** An observation that is neither a vital sign nor social history: a lab result (lab reports group these). */
    public static boolean isLabResult(String category, String code) {
        return "observation".equals(category) && !VITAL_CODES.contains(code) && !SOCIAL_HISTORY_CODES.contains(code);
    }

    static Boolean abnormal(String interpretation) {
        return interpretation == null ? null : !"N".equals(interpretation);
    }
}
