package org.carechart.embedded;

import java.util.List;

/** Real codes the demo charts are drawn from, each with its FHIR code-system URI. */
final class DemoCatalog {

    static final String SNOMED = "http://snomed.info/sct";
    static final String LOINC = "http://loinc.org";
    static final String RXNORM = "http://www.nlm.nih.gov/research/umls/rxnorm";
    static final String CVX = "http://hl7.org/fhir/sid/cvx";

    record Concept(String system, String code, String display, boolean sensitive) {
        Concept(String system, String code, String display) {
            this(system, code, display, false);
        }
    }

    /** A measurement with its unit, normal range and the spread demo values are drawn from. */
    record Measure(String code, String display, String unit, double low, double high, double mean, double spread,
                   int decimals, boolean vital) {
    }

    static final List<Concept> CONDITIONS = List.of(
            new Concept(SNOMED, "44054006", "Type 2 diabetes mellitus"),
            new Concept(SNOMED, "38341003", "Hypertensive disorder"),
            new Concept(SNOMED, "195967001", "Asthma"),
            new Concept(SNOMED, "55822004", "Hyperlipidemia"),
            new Concept(SNOMED, "235595009", "Gastroesophageal reflux disease"),
            new Concept(SNOMED, "69896004", "Rheumatoid arthritis"),
            new Concept(SNOMED, "40055000", "Chronic sinusitis"),
            new Concept(SNOMED, "35489007", "Depressive disorder", true),
            new Concept(SNOMED, "197480006", "Anxiety disorder", true));

    /** Ben's sensitive entry (README: hidden from a parent of a 12-17-year-old). */
    static final Concept ANXIETY = CONDITIONS.get(CONDITIONS.size() - 1);

    static final List<Concept> MEDICATIONS = List.of(
            new Concept(RXNORM, "860975", "Metformin hydrochloride 500 MG Extended Release Oral Tablet"),
            new Concept(RXNORM, "314076", "Lisinopril 10 MG Oral Tablet"),
            new Concept(RXNORM, "617312", "Atorvastatin 10 MG Oral Tablet"),
            new Concept(RXNORM, "745679", "Albuterol 0.09 MG/ACTUAT Metered Dose Inhaler"),
            new Concept(RXNORM, "197361", "Amlodipine 5 MG Oral Tablet"),
            new Concept(RXNORM, "310965", "Ibuprofen 200 MG Oral Tablet"),
            new Concept(RXNORM, "312938", "Sertraline 50 MG Oral Tablet", true));

    static final List<Concept> ALLERGIES = List.of(
            new Concept(SNOMED, "91936005", "Allergy to penicillin"),
            new Concept(SNOMED, "300913006", "Shellfish allergy"),
            new Concept(SNOMED, "91935009", "Allergy to peanuts"),
            new Concept(SNOMED, "418689008", "Allergy to grass pollen"),
            new Concept(SNOMED, "294505008", "Allergy to amoxicillin"));

    static final List<Concept> IMMUNIZATIONS = List.of(
            new Concept(CVX, "140", "Influenza, seasonal, injectable, preservative free"),
            new Concept(CVX, "208", "COVID-19, mRNA, LNP-S, PF, 30 mcg/0.3 mL dose"),
            new Concept(CVX, "115", "Tdap"),
            new Concept(CVX, "03", "MMR"),
            new Concept(CVX, "133", "Pneumococcal conjugate PCV 13"),
            new Concept(CVX, "62", "HPV, quadrivalent"));

    static final List<Concept> ENCOUNTERS = List.of(
            new Concept(SNOMED, "185349003", "Encounter for check up"),
            new Concept(SNOMED, "390906007", "Follow-up encounter"),
            new Concept(SNOMED, "50849002", "Emergency room admission"),
            new Concept(SNOMED, "185345009", "Encounter for symptom"));

    static final List<Concept> PROCEDURES = List.of(
            new Concept(SNOMED, "29303009", "Electrocardiographic procedure"),
            new Concept(SNOMED, "168731009", "Standard chest X-ray"),
            new Concept(SNOMED, "73761001", "Colonoscopy"),
            new Concept(SNOMED, "71651007", "Mammography"));

    static final List<Concept> NOTES = List.of(
            new Concept(LOINC, "11506-3", "Progress note"),
            new Concept(LOINC, "34117-2", "History and physical note"),
            new Concept(LOINC, "18842-5", "Discharge summary"));

    static final List<Measure> VITALS = List.of(
            new Measure("8480-6", "Systolic blood pressure", "mm[Hg]", 90, 120, 124, 14, 0, true),
            new Measure("8462-4", "Diastolic blood pressure", "mm[Hg]", 60, 80, 79, 9, 0, true),
            new Measure("8867-4", "Heart rate", "/min", 60, 100, 74, 10, 0, true),
            new Measure("29463-7", "Body weight", "kg", 0, 0, 78, 14, 1, true),
            new Measure("8310-5", "Body temperature", "Cel", 36.1, 37.2, 36.8, 0.4, 1, true));

    static final String BODY_WEIGHT = "29463-7";

    /** Height and BMI: recorded for adults at their first visit (BMI from that visit's weight). */
    static final Measure HEIGHT = new Measure("8302-2", "Body height", "cm", 0, 0, 170, 7, 1, true);
    static final Measure BMI = new Measure("39156-5", "Body mass index (BMI) [Ratio]", "kg/m2", 0, 0, 26, 4, 1, true);

    /** Tobacco smoking status (social history): its value is a finding, the text FhirMapper codes in SNOMED CT. */
    static final Concept SMOKING_STATUS = new Concept(LOINC, "72166-2", "Tobacco smoking status");
    static final List<String> SMOKING_STATUSES = List.of("Never smoked tobacco", "Ex-smoker", "Smokes tobacco daily",
            "Occasional tobacco smoker");

    static final List<Measure> LABS = List.of(
            new Measure("4548-4", "Hemoglobin A1c/Hemoglobin.total in Blood", "%", 4.0, 5.6, 5.9, 0.9, 1, false),
            new Measure("2345-7", "Glucose [Mass/volume] in Serum or Plasma", "mg/dL", 70, 99, 102, 18, 0, false),
            new Measure("2093-3", "Cholesterol [Mass/volume] in Serum or Plasma", "mg/dL", 0, 200, 192, 32, 0, false),
            new Measure("718-7", "Hemoglobin [Mass/volume] in Blood", "g/dL", 12.0, 17.5, 14.2, 1.6, 1, false),
            new Measure("6690-2", "Leukocytes [#/volume] in Blood by Automated count", "10*3/uL", 4.5, 11.0, 7.4, 2.2, 1, false),
            new Measure("2160-0", "Creatinine [Mass/volume] in Serum or Plasma", "mg/dL", 0.6, 1.3, 0.95, 0.25, 2, false));

    static final List<String> GIVEN_NAMES = List.of("Alice", "Ben", "Chloe", "Daniel", "Elena", "Farid", "Grace",
            "Hiro", "Isabel", "Jamal", "Keiko", "Liam", "Maya", "Noah", "Olivia", "Pedro", "Quinn", "Rosa", "Samir",
            "Tara", "Umar", "Vera", "Wen", "Ximena", "Yusuf", "Zoe");

    static final List<String> FAMILY_NAMES = List.of("Morgan", "Carter", "Nguyen", "Okafor", "Schmidt", "Rossi",
            "Haddad", "Kowalski", "Tanaka", "Fernandez", "Johansson", "Mensah", "Dubois", "Patel", "Kim", "Walsh",
            "Cohen", "Silva", "Novak", "Ibrahim");

    static final List<String> NOTE_TEXT = List.of(
            "Patient seen for routine follow-up. Reports feeling well. Continue current plan and recheck labs in three months.",
            "Discussed diet and exercise. Medication adherence good. No side effects reported.",
            "Presented with cough for five days, no fever. Lungs clear. Supportive care advised.",
            "Reviewed recent results with patient. Questions answered. Return if symptoms worsen.");

    private DemoCatalog() {
    }
}
