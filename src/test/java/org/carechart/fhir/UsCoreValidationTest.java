package org.carechart.fhir;

import ca.uhn.fhir.validation.SingleValidationMessage;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every resource type the FHIR API produces from the demo data, validated by the HL7 validator
 * against US Core 6.1.0 (the profile each claims in meta.profile): no errors. The warnings are
 * counted per type and written to target/fhir-validation.txt (docs/fhir.md quotes them).
 */
@QuarkusTest
class UsCoreValidationTest {

    private static final String ALICE = DemoAccounts.ALICE_PATIENT.toString();
    private static final String[] CHART_TYPES = {"Observation", "Condition", "AllergyIntolerance", "MedicationRequest",
            "Immunization", "Encounter", "DocumentReference", "Procedure", "DiagnosticReport"};

    @Test
    void everyResourceFromTheDemoChartIsValidUsCore() throws IOException {
        String token = Tokens.drLee();
        String pdf = uploadDocument(token);
        List<String> resources = new ArrayList<>();
        resources.add(get(token, "/fhir/r4/Patient/" + ALICE));
        resources.add(get(token, "/fhir/r4/Practitioner/" + DemoAccounts.DR_LEE));
        resources.add(get(token, "/fhir/r4/Organization/" + DemoAccounts.RIVERSIDE));
        resources.add(get(token, "/fhir/r4/CareTeam/" + ALICE));
        resources.add(get(token, "/fhir/r4/Organization/" + DemoAccounts.ACME_HEALTH_PLAN));
        JsonPath coverage = JsonPath.from(get(token, "/fhir/r4/Coverage?patient=" + ALICE));
        assertEquals(1, coverage.getList("entry").size(), "Alice has one coverage");
        resources.add(toJson(coverage.getMap("entry[0].resource")));
        JsonPath relatedPersons = JsonPath.from(get(Tokens.samRecords(), "/fhir/r4/RelatedPerson?patient=" + DemoAccounts.BEN_PATIENT));
        assertEquals(1, relatedPersons.getList("entry").size(), "Ben has one proxy (his mother Carol)");
        resources.add(toJson(relatedPersons.getMap("entry[0].resource")));
        resources.add(given().auth().oauth2(token).accept("application/fhir+json").get("/fhir/r4/Binary/" + pdf)
                .then().statusCode(200).extract().asString());
        for (String type : CHART_TYPES) {
            JsonPath bundle = JsonPath.from(given().auth().oauth2(token).accept("application/fhir+json")
                    .queryParam("patient", ALICE).queryParam("_count", 100).queryParam("_revinclude", "Provenance:target")
                    .get("/fhir/r4/" + type).then().statusCode(200).extract().asString());
            List<Map<String, Object>> entries = bundle.getList("entry.resource");
            assertTrue(entries.size() > 1, type + " has resources in the demo chart");
            for (int i = 0; i < entries.size(); i++) {
                resources.add(toJson(entries.get(i)));
            }
        }
        JsonPath panels = JsonPath.from(given().auth().oauth2(token).accept("application/fhir+json")
                .queryParam("patient", ALICE).queryParam("code", "85354-9").queryParam("_count", 100)
                .get("/fhir/r4/Observation").then().statusCode(200).extract().asString());
        assertTrue(panels.getList("entry").size() > 1, "Alice has blood-pressure panels");
        for (Map<String, Object> panel : panels.<Map<String, Object>>getList("entry.resource")) {
            resources.add(toJson(panel));
        }
        resources.add(given().get("/fhir/r4/metadata").then().statusCode(200).extract().asString());
        resources.add(given().auth().oauth2(token).get("/fhir/r4/Observation?patient=not-an-id").then().statusCode(400)
                .extract().asString());

        Map<String, int[]> counts = new TreeMap<>();
        List<String> errors = new ArrayList<>();
        Map<String, Integer> warningKinds = new TreeMap<>();
        for (String json : resources) {
            JsonPath parsed = JsonPath.from(json);
            String key = parsed.getString("resourceType") + (parsed.getList("meta.profile") == null ? ""
                    : " " + String.join(",", parsed.<String>getList("meta.profile")).replace(FhirType.US_CORE, ""));
            int[] c = counts.computeIfAbsent(key, k -> new int[3]);
            c[0]++;
            for (SingleValidationMessage m : UsCoreValidator.validate(json)) {
                if (UsCoreValidator.isError(m)) {
                    c[1]++;
                    errors.add(key + " " + m.getLocationString() + ": " + m.getMessage());
                } else if (m.getSeverity().ordinal() >= ca.uhn.fhir.validation.ResultSeverityEnum.WARNING.ordinal()) {
                    c[2]++;
                    warningKinds.merge(m.getMessageId() == null ? m.getMessage().replaceAll("'[^']*'", "'…'") : m.getMessageId(), 1, Integer::sum);
                }
            }
        }
        StringBuilder report = new StringBuilder("resource type and profile | resources | errors | warnings\n");
        int total = 0, warnings = 0;
        for (var e : counts.entrySet()) {
            report.append(e.getKey()).append(" | ").append(e.getValue()[0]).append(" | ").append(e.getValue()[1])
                    .append(" | ").append(e.getValue()[2]).append('\n');
            total += e.getValue()[0];
            warnings += e.getValue()[2];
        }
        report.append("total | ").append(total).append(" | ").append(errors.size()).append(" | ").append(warnings).append('\n');
        report.append("\nwarnings by kind:\n");
        warningKinds.forEach((kind, n) -> report.append(n).append(" x ").append(kind).append('\n'));
        errors.stream().limit(60).forEach(e -> report.append("ERROR ").append(e).append('\n'));
        Files.writeString(Path.of("target", "fhir-validation.txt"), report.toString(), StandardCharsets.UTF_8);
        System.out.println(report);
        assertEquals(List.of(), errors.stream().limit(40).toList());
    }

    private static String get(String token, String path) {
        return given().auth().oauth2(token).accept("application/fhir+json").get(path).then().statusCode(200).extract().asString();
    }

    private static String toJson(Object value) {
        try {
            return new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsString(value);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small PDF on Alice's chart (a document entry): its DocumentReference and Binary are validated too. */
    static String uploadDocument(String token) {
        byte[] pdf = "%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        return given().auth().oauth2(token).contentType("application/pdf").queryParam("title", "Referral letter")
                .body(pdf).post("/api/v1/patients/" + ALICE + "/chart/documents")
                .then().statusCode(201).extract().path("id");
    }
}
