package org.carechart.quality;

import java.util.List;
import java.util.Optional;

/**
 * A quality measure, stated as data: who is in the initial population (age at the end of the period, a
 * diagnosis, a visit in the period), who is excluded, and what puts a patient in the numerator. The SQL
 * that counts them is {@link MeasureRepository}'s, one statement per {@link Numerator} kind; the catalog
 * is {@link #CATALOG}. docs/quality.md says for each what it simplifies against the official eCQM.
 *
 * @param id             the FHIR id ({@code Measure/{id}})
 * @param name           computer-friendly name
 * @param title          for people
 * @param basedOn        the published eCQM it is modelled on (CMS id and version)
 * @param description    what it counts
 * @param inverse        a lower score is better (improvementNotation {@code decrease})
 * @param minAge         youngest age at the end of the period (inclusive)
 * @param maxAge         oldest age at the end of the period (inclusive)
 * @param diagnoses      SNOMED CT codes of a condition the patient must have (onset before the end of the
 *                       period, not resolved or inactive); empty: none needed
 * @param exclusions     SNOMED CT codes of a condition (onset before the end of the period) that excludes
 *                       the patient from the denominator
 * @param numerator      what puts a patient of the denominator in the numerator
 */
public record Measure(String id, String name, String title, String basedOn, String description, boolean inverse,
                      int minAge, int maxAge, List<String> diagnoses, List<String> exclusions, Numerator numerator) {

    public Measure {
        diagnoses = List.copyOf(diagnoses);
        exclusions = List.copyOf(exclusions);
    }

    /** The numerator criteria the chart's data supports. */
    public sealed interface Numerator {
    }

    /**
     * The most recent systolic ({@code systolic} LOINC) in the period is below {@code systolicBelow} and the
     * most recent diastolic below {@code diastolicBelow}; no reading in the period is not controlled.
     */
    public record BloodPressureControlled(String systolic, double systolicBelow, String diastolic, double diastolicBelow)
            implements Numerator {
    }

    /** The most recent result of {@code loinc} in the period is above {@code above}, or there is none (poor control). */
    public record LatestAboveOrMissing(String loinc, double above) implements Numerator {
    }

    /** At least one immunization with one of the CVX {@code codes} given in the period (status not not-done). */
    public record ImmunizedInPeriod(List<String> codes) implements Numerator {
        public ImmunizedInPeriod {
            codes = List.copyOf(codes);
        }
    }

    static final String HYPERTENSION = "38341003";
    static final String TYPE_2_DIABETES = "44054006";
    static final String ESRD = "46177005";
    static final String PREGNANCY = "77386006";
    static final String HOSPICE_CARE = "385763009";
    static final String INFLUENZA_VACCINE_ALLERGY = "294647003";

    /** The measures this server computes: only what the chart's data can exercise honestly. */
    public static final List<Measure> CATALOG = List.of(
            new Measure("controlling-high-blood-pressure", "ControllingHighBloodPressure",
                    "Controlling High Blood Pressure", "CMS165v12",
                    "Patients 18-85 years of age with hypertension whose most recent blood pressure in the period "
                            + "was adequately controlled (systolic < 140 mmHg and diastolic < 90 mmHg).",
                    false, 18, 85, List.of(HYPERTENSION), List.of(ESRD, PREGNANCY, HOSPICE_CARE),
                    new BloodPressureControlled("8480-6", 140, "8462-4", 90)),
            new Measure("diabetes-hba1c-poor-control", "DiabetesHbA1cPoorControl",
                    "Diabetes: Hemoglobin A1c (HbA1c) Poor Control (> 9%)", "CMS122v12",
                    "Patients 18-75 years of age with diabetes whose most recent HbA1c in the period was > 9.0%, "
                            + "or who had no HbA1c in the period. A lower score is better.",
                    true, 18, 75, List.of(TYPE_2_DIABETES), List.of(HOSPICE_CARE),
                    new LatestAboveOrMissing("4548-4", 9.0)),
            new Measure("influenza-immunization", "InfluenzaImmunization",
                    "Preventive Care: Influenza Immunization", "CMS147v13",
                    "Patients aged 6 months and older (here: 1 year and older) seen in the period who received an "
                            + "influenza immunization in the period.",
                    false, 1, 150, List.of(), List.of(INFLUENZA_VACCINE_ALLERGY),
                    new ImmunizedInPeriod(List.of("140", "141", "150", "155", "158", "161", "185", "186", "197"))));

    public static Optional<Measure> byId(String id) {
        return CATALOG.stream().filter(m -> m.id().equals(id)).findFirst();
    }
}
