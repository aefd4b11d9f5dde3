package org.carechart.fhir;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * GET /fhir/r4/metadata: generated from {@link FhirType}, so it says exactly what the code serves.
 * It instantiates the US Core 6.1.0 server statement and says what is not supported.
 */
final class CapabilityStatements {

    static final String US_CORE_SERVER = "http://hl7.org/fhir/us/core/CapabilityStatement/us-core-server";
    static final String NOT_SUPPORTED = "Not supported: write interactions, history-type and history-instance "
            + "(vread is), _include, _sort, _summary, search modifiers, date alternatives, chained parameters, "
            + "vread of blood-pressure panels (made of two entries, each with its versions), "
            + "social-history observations other than smoking status, survey observations, "
            + "Condition encounter diagnoses and health concerns (the chart records problems only), "
            + "DiagnosticReport for notes (notes are DocumentReferences) and vread of lab reports (made of several entries), "
            + "Provenance of Coverage (coverage keeps no versions), Goal, CarePlan, Device, ServiceRequest, Specimen, MedicationDispense, "
            + "QuestionnaireResponse, Location, PractitionerRole and Medication resources; RelatedPerson by name. "
            + "Patient race, ethnicity and birth sex are not recorded. Paging is by the Bundle's next link.";

    private static final Set<String> US_CORE_ID_PARAMS = Set.of("Patient", "Encounter", "DocumentReference", "Practitioner", "RelatedPerson");

    /** Bulk Data Access 2.0 (package export): the three kick-offs, and the Groups a system client exports. */
    static final List<Object> BULK_OPERATIONS = List.of(
            Map.of("name", "export", "definition", "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/export|2.0.0"),
            Map.of("name", "export", "definition", "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/patient-export|2.0.0"),
            Map.of("name", "export", "definition", "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export|2.0.0"));
    static final Map<String, Object> BULK_GROUP = Map.of("type", "Group",
            "interaction", List.of(Map.of("code", "read"), Map.of("code", "search-type")),
            "operation", List.of(Map.of("name", "export",
                    "definition", "http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export|2.0.0")));

    private CapabilityStatements() {
    }

    /** Aggregate quality measures (package quality, docs/quality.md): MeasureReports, never a patient. */
    private static final Map<String, Object> MEASURE = Map.of(
            "type", "Measure",
            "interaction", List.of(Map.of("code", "read"), Map.of("code", "search-type")),
            "operation", List.of(Map.of("name", "evaluate-measure",
                    "definition", "http://hl7.org/fhir/OperationDefinition/Measure-evaluate-measure",
                    "documentation", "periodStart and periodEnd (required dates), organization (optional), "
                            + "reportType summary (default) or subject-list (records staff only); counts of 1 to "
                            + "carechart.quality.small-cell are masked")));

    static Map<String, Object> statement(String base, String softwareVersion) {
        List<Object> resources = new ArrayList<>();
        for (FhirType type : FhirType.values()) {
            Map<String, Object> resource = new LinkedHashMap<>();
            resource.put("type", type.typeName());
            if (type.profile() != null) {
                resource.put("supportedProfile", supportedProfiles(type));
            }
            List<Object> interactions = new ArrayList<>();
            interactions.add(Map.of("code", "read"));
            if (!type.chartCategories().isEmpty()) {
                interactions.add(Map.of("code", "vread"));
            }
            if (type.searchable()) {
                interactions.add(Map.of("code", "search-type"));
            }
            resource.put("interaction", interactions);
            if (!type.chartCategories().isEmpty()) {
                resource.put("versioning", "versioned");
                resource.put("readHistory", true);
            }
            if (type.patientData()) {
                resource.put("searchRevInclude", List.of(FhirSearch.REVINCLUDE_PROVENANCE));
            }
            List<Object> params = new ArrayList<>();
            for (String name : type.searchParams()) {
                params.add(Map.of("name", name, "definition", definition(type, name), "type", paramType(name)));
            }
            if (!params.isEmpty()) {
                resource.put("searchParam", params);
            }
            if (!type.combinations().isEmpty()) {
                resource.put("extension", type.combinations().stream().map(CapabilityStatements::combination).toList());
            }
            resources.add(resource);
        }
        resources.add(MEASURE);
        Map<String, Object> rest = new LinkedHashMap<>();
        rest.put("mode", "server");
        rest.put("documentation", "Read-only US Core 6.1.0 view of the Carechart chart. " + NOT_SUPPORTED);
        rest.put("security", Map.of(
                "cors", true,
                "description", "Bearer access tokens (the embedded issuer or the configured identity provider); "
                        + "the same access policy and audit trail as the native API."));
        resources.add(BULK_GROUP);
        rest.put("resource", resources);
        rest.put("operation", BULK_OPERATIONS);
        Map<String, Object> statement = new LinkedHashMap<>();
        statement.put("resourceType", "CapabilityStatement");
        statement.put("id", "carechart");
        statement.put("name", "CarechartFhirServer");
        statement.put("title", "Carechart FHIR R4 server");
        statement.put("status", "active");
        statement.put("experimental", false);
        statement.put("date", "2026-12-03");
        statement.put("publisher", "Carechart");
        statement.put("description", "Carechart's read-only FHIR R4 API, instantiating the US Core Server CapabilityStatement 6.1.0 for the types it lists.");
        statement.put("kind", "instance");
        statement.put("instantiates", List.of(US_CORE_SERVER + "|6.1.0"));
        statement.put("software", Map.of("name", "Carechart", "version", softwareVersion));
        statement.put("implementation", Map.of("description", "Carechart FHIR R4", "url", base));
        statement.put("fhirVersion", "4.0.1");
        statement.put("format", List.of("json"));
        statement.put("implementationGuide", List.of("http://hl7.org/fhir/us/core/ImplementationGuide/hl7.fhir.us.core|6.1.0"));
        statement.put("rest", List.of(rest));
        return statement;
    }

    private static List<String> supportedProfiles(FhirType type) {
        if (type != FhirType.OBSERVATION) {
            return List.of(type.profile());
        }
        List<String> profiles = new ArrayList<>(List.of(type.profile(), FhirType.US_CORE + "us-core-vital-signs",
                FhirType.US_CORE + "us-core-blood-pressure", FhirType.US_CORE + "us-core-smokingstatus"));
        FhirMapper.VITAL_PROFILES.values().stream().sorted().forEach(p -> profiles.add(FhirType.US_CORE + p));
        return profiles;
    }

    private static String definition(FhirType type, String name) {
        if (name.equals("_id") && !US_CORE_ID_PARAMS.contains(type.typeName())) {
            return "http://hl7.org/fhir/SearchParameter/Resource-id";
        }
        return "http://hl7.org/fhir/us/core/SearchParameter/us-core-" + type.typeName().toLowerCase(Locale.ROOT) + "-"
                + (name.equals("_id") ? "id" : name);
    }

    private static String paramType(String name) {
        return switch (name) {
            case "patient" -> "reference";
            case "date", "onset-date", "authoredon", "birthdate" -> "date";
            case "name" -> "string";
            default -> "token";
        };
    }

    private static Map<String, Object> combination(String combination) {
        List<Object> extension = new ArrayList<>();
        for (String part : combination.split("\\+")) {
            extension.add(Map.of("url", "required", "valueString", part));
        }
        return Map.of("url", "http://hl7.org/fhir/StructureDefinition/capabilitystatement-search-parameter-combination",
                "extension", extension);
    }
}
