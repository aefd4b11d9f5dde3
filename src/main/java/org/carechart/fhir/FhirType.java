package org.carechart.fhir;

import org.carechart.access.DataCategory;

import java.util.List;
import java.util.Optional;

/**
 * Every FHIR resource type Carechart serves: its US Core profile, the chart category its data
 * comes from (the category the access policy decides on: grants, share links and SMART scopes all
 * map to these), its search parameters and the searches US Core 6.1.0 says a server SHALL support.
 * The CapabilityStatement is generated from this table, so it cannot claim more than the code does.
 */
public enum FhirType {

    PATIENT("Patient", "us-core-patient", DataCategory.DEMOGRAPHICS, List.of(),
            List.of("_id", "identifier", "name", "birthdate", "gender"), List.of("birthdate+name", "gender+name")),
    ALLERGY_INTOLERANCE("AllergyIntolerance", "us-core-allergyintolerance", DataCategory.ALLERGY, List.of("allergy"),
            List.of("patient", "clinical-status"), List.of("patient+clinical-status")),
    CONDITION("Condition", "us-core-condition-problems-health-concerns", DataCategory.CONDITION, List.of("condition"),
            List.of("patient", "category", "clinical-status", "code", "onset-date"),
            List.of("patient+category", "patient+clinical-status", "patient+code", "patient+onset-date")),
    MEDICATION_REQUEST("MedicationRequest", "us-core-medicationrequest", DataCategory.MEDICATION, List.of("medication"),
            List.of("patient", "intent", "status", "authoredon"),
            List.of("patient+intent", "patient+intent+status", "patient+intent+authoredon")),
    IMMUNIZATION("Immunization", "us-core-immunization", DataCategory.IMMUNIZATION, List.of("immunization"),
            List.of("patient", "date", "status"), List.of("patient+date", "patient+status")),
    OBSERVATION("Observation", "us-core-observation-lab", DataCategory.OBSERVATION, List.of("observation"),
            List.of("patient", "category", "code", "date", "status"),
            List.of("patient+category", "patient+code", "patient+category+date", "patient+code+date",
                    "patient+category+status")),
    /** Lab results of one patient drawn at the same time, grouped (derived from observation entries: no versions). */
    DIAGNOSTIC_REPORT("DiagnosticReport", "us-core-diagnosticreport-lab", DataCategory.OBSERVATION, List.of(),
            List.of("patient", "category", "code", "date", "status"),
            List.of("patient+category", "patient+code", "patient+category+date", "patient+status", "patient+code+date")),
    ENCOUNTER("Encounter", "us-core-encounter", DataCategory.ENCOUNTER, List.of("encounter"),
            List.of("_id", "patient", "date", "status", "type"), List.of("date+patient", "patient+status", "patient+type")),
    DOCUMENT_REFERENCE("DocumentReference", "us-core-documentreference", null, List.of("note", "document"),
            List.of("_id", "patient", "category", "type", "date", "status"),
            List.of("patient+type", "patient+category", "patient+category+date", "patient+status")),
    PROCEDURE("Procedure", "us-core-procedure", DataCategory.PROCEDURE, List.of("procedure"),
            List.of("patient", "date", "status", "code"), List.of("patient+date", "patient+status", "patient+code+date")),
    /** Insurance coverage (its own table, category coverage): the US Core SHALL search is patient. */
    COVERAGE("Coverage", "us-core-coverage", DataCategory.COVERAGE, List.of(), List.of("patient"), List.of()),
    PRACTITIONER("Practitioner", "us-core-practitioner", null, List.of(), List.of("_id"), List.of()),
    ORGANIZATION("Organization", "us-core-organization", null, List.of(), List.of("_id"), List.of()),
    CARE_TEAM("CareTeam", "us-core-careteam", DataCategory.DEMOGRAPHICS, List.of(), List.of("patient", "status"),
            List.of("patient+status")),
    RELATED_PERSON("RelatedPerson", "us-core-relatedperson", null, List.of(), List.of("_id", "patient"), List.of()),
    PROVENANCE("Provenance", "us-core-provenance", null, List.of(), List.of(), List.of()),
    BINARY("Binary", null, DataCategory.DOCUMENT, List.of(), List.of(), List.of());

    public static final String US_CORE = "http://hl7.org/fhir/us/core/StructureDefinition/";

    private final String name;
    private final String profile;
    private final DataCategory category;
    private final List<String> chartCategories;
    private final List<String> searchParams;
    private final List<String> combinations;

    FhirType(String name, String profile, DataCategory category, List<String> chartCategories, List<String> searchParams,
             List<String> combinations) {
        this.name = name;
        this.profile = profile == null ? null : US_CORE + profile;
        this.category = category;
        this.chartCategories = chartCategories;
        this.searchParams = searchParams;
        this.combinations = combinations;
    }

    public String typeName() {
        return name;
    }

    /** The type's US Core profile (for Observation the laboratory one; vital signs pick theirs by code). */
    public String profile() {
        return profile;
    }

    /**
     * The access-policy category this type's data belongs to; null for types that are not one
     * category (DocumentReference: notes and documents) or not patient data (Practitioner).
     */
    public DataCategory category() {
        return category;
    }

    /** The chart categories whose entries are resources of this type. */
    public List<String> chartCategories() {
        return chartCategories;
    }

    public List<String> searchParams() {
        return searchParams;
    }

    public List<String> combinations() {
        return combinations;
    }

    /** Patient data: searches offer {@code _revinclude=Provenance:target}. */
    public boolean patientData() {
        return !chartCategories.isEmpty() || this == DIAGNOSTIC_REPORT;
    }

    public boolean searchable() {
        return !searchParams.isEmpty();
    }

    public static Optional<FhirType> named(String name) {
        for (FhirType type : values()) {
            if (type.name.equals(name)) {
                return Optional.of(type);
            }
        }
        return Optional.empty();
    }

    /** The type of a chart entry of {@code chartCategory}. */
    public static FhirType ofChartCategory(String chartCategory) {
        for (FhirType type : values()) {
            if (type.chartCategories.contains(chartCategory)) {
                return type;
            }
        }
        throw new IllegalArgumentException("no FHIR type for chart category " + chartCategory);
    }
}
