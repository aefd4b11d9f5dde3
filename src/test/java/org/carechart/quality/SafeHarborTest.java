package org.carechart.quality;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Safe Harbor against the list of 18: a patient with every field filled (and notes, medications with
 * instructions, observations, an encounter), mapped by the FHIR API itself, then de-identified; none of
 * the identifier kinds the chart holds may remain, references stay consistent, pseudonyms are stable per
 * registry and differ between registries.
 */
@QuarkusTest
class SafeHarborTest {

    @Inject
    SafeHarbor safeHarbor;

    @Inject
    ObjectMapper json;

    private final UUID org = Fixtures.organization();
    private final UUID staff = Fixtures.account("staff", org, null);
    private final QualityFixtures fx = new QualityFixtures(staff);

    private UUID fullPatient(LocalDate birthDate) {
        UUID p = Fixtures.patient(org, "Zebediah", "Quillfeather", birthDate);
        Db.update("update patient set phone = '+1-555-867-5309', email = 'zeb.quill@example.org',"
                + " address_line = '742 Evergreen Terrace', city = 'Springfield', postal_code = '49007', sex = 'male' where id = ?", p);
        fx.condition(p, Measure.HYPERTENSION, LocalDate.of(2019, 3, 14));
        fx.encounter(p, LocalDate.of(2025, 3, 1));
        fx.bp(p, LocalDate.of(2025, 6, 1), 130, 80);
        UUID note = fx.entry(p, "note", QualityFixtures.LOINC, "11506-3", "final", LocalDate.of(2025, 6, 2), null, false);
        UUID med = fx.entry(p, "medication", "http://www.nlm.nih.gov/research/umls/rxnorm", "314076", "active",
                LocalDate.of(2025, 6, 2), null, false);
        UUID lab = fx.entry(p, "observation", QualityFixtures.LOINC, "2093-3", "final", LocalDate.of(2025, 6, 3), null, false);
        for (String table : List.of("chart_entry", "chart_entry_version")) {
            String id = table.equals("chart_entry") ? "id" : "entry_id";
            Db.update("update " + table + " set body = 'Zebediah called from 555-867-5309 about his MRN "
                    + Fixtures.mrn(p) + "' where " + id + " = ?", note);
            Db.update("update " + table + " set body = 'Take one tablet daily; call Zebediah''s wife Maud' where " + id + " = ?", med);
            Db.update("update " + table + " set value_text = 'Zebediah Quillfeather reported feeling dizzy' where " + id + " = ?", lab);
        }
        return p;
    }

    private List<ObjectNode> fhirResourcesOf(UUID patient) throws Exception {
        String token = Tokens.staff(staff, org);
        List<ObjectNode> resources = new ArrayList<>();
        resources.add((ObjectNode) json.readTree(given().auth().oauth2(token).get("/fhir/r4/Patient/" + patient)
                .then().statusCode(200).extract().asString()));
        for (String type : List.of("Condition", "Encounter", "Observation", "DocumentReference", "MedicationRequest")) {
            ObjectNode bundle = (ObjectNode) json.readTree(given().auth().oauth2(token).queryParam("patient", patient.toString())
                    .get("/fhir/r4/" + type).then().statusCode(200).extract().asString());
            bundle.path("entry").forEach(e -> resources.add((ObjectNode) e.get("resource")));
        }
        return resources;
    }

    @Test
    void noneOfTheEighteenIdentifierKindsRemain() throws Exception {
        UUID p = fullPatient(LocalDate.of(1931, 7, 19)); // 95: over 89
        List<ObjectNode> original = fhirResourcesOf(p);
        assertTrue(original.size() >= 8, "resources " + original.size());
        String before = json.writeValueAsString(original);
        assertTrue(before.contains("Quillfeather") && before.contains("dizzy") && before.contains("Take one tablet") && before.contains("867-5309") && before.contains("Springfield"),
                "the fixture fills the fields it should");

        List<ObjectNode> out = original.stream().map(r -> safeHarbor.apply(r, "registry-a")).toList();
        String after = json.writeValueAsString(out);
        List<String> forbidden = List.of(
                "Zebediah", "Quillfeather", "Maud",                                  // 1 names
                "Evergreen", "Springfield", "49007",                                  // 2 geography below the state
                "1931", "07-19",                                                      // 3 birth date, and a birth year of a 95-year-old
                "867-5309", "zeb.quill@example.org",                                  // 4-6 telephone, fax, email
                Fixtures.mrn(p),                                                      // 7-11 MRN and other numbers
                p.toString(), org.toString(), staff.toString(),                       // 18 ids that link back
                "Take one tablet", "dizzy");                                       // 18 free text
        for (String s : forbidden) {
            assertFalse(after.contains(s), "still contains " + s + ": " + after);
        }
        // 3 every date down to its year
        assertFalse(Pattern.compile("\"\\d{4}-\\d{2}").matcher(after).find(), after);
        // 13-17 no telecom, photo, attachment data or url; no narrative; no reference display
        for (String key : List.of("\"telecom\"", "\"photo\"", "\"data\"", "\"lastUpdated\"", "\"div\"", "\"contact\"")) {
            assertFalse(after.contains(key), key + " in " + after);
        }
        out.forEach(r -> r.findParents("reference").forEach(ref -> assertFalse(ref.has("display"), ref.toString())));

        ObjectNode patient = out.get(0);
        assertEquals("Patient", patient.get("resourceType").asText());
        assertEquals("masked", patient.at("/_birthDate/extension/0/valueCode").asText());
        assertEquals("90+", patient.findValues("valueString").get(0).asText());
        assertEquals(SafeHarbor.PSEUDONYM_SYSTEM, patient.at("/identifier/0/system").asText());
        assertEquals("male", patient.get("gender").asText());
        // references are rewritten consistently: every chart resource points at the pseudonymous patient
        String subject = "Patient/" + patient.get("id").asText();
        for (ObjectNode r : out.subList(1, out.size())) {
            assertEquals(subject, r.path("subject").path("reference").asText(r.path("patient").path("reference").asText()),
                    r.toString());
        }
        // coded data stays
        assertTrue(after.contains("8480-6") && after.contains("38341003") && after.contains("\"2025\""), after);
    }

    @Test
    void pseudonymsAreStablePerRegistryAndDifferBetweenRegistries() throws Exception {
        UUID p = fullPatient(LocalDate.of(1980, 2, 29));
        ObjectNode original = fhirResourcesOf(p).get(0);
        ObjectNode a1 = safeHarbor.apply(original, "registry-a");
        ObjectNode a2 = safeHarbor.apply(original, "registry-a");
        ObjectNode b = safeHarbor.apply(original, "registry-b");
        assertEquals(a1, a2);
        assertNotEquals(a1.get("id"), b.get("id"));
        assertNotEquals(a1.at("/identifier/0/value"), b.at("/identifier/0/value"));
        assertEquals("1980", a1.get("birthDate").asText());
        assertFalse(original.get("id").asText().equals(a1.get("id").asText()));
        // the input is not changed
        assertEquals(p.toString(), original.get("id").asText());
    }
}
