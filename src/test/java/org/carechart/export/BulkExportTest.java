package org.carechart.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.carechart.embedded.DemoAccounts;
import org.carechart.fhir.UsCoreValidator;
import org.carechart.support.Db;
import org.carechart.support.Fixtures;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * FHIR Bulk Data Access 2.0 over real HTTP with really signed SMART Backend Services tokens: kick-off,
 * polling, manifest, download, cancel, expiry, the per-client bound, access (a second client, a
 * revoked consent), a crashed instance's job taken over with every resource exactly once, and
 * US Core validation of what the files hold.
 */
@QuarkusTest
class BulkExportTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String FHIR = "/fhir/r4";

    @Inject
    ExportWorker worker;

    @Inject
    Instance<Deidentifier> deidentifiers;

    @AfterEach
    void resumeTheWorker() {
        worker.pause(false);
        worker.crashAfter(-1);
    }

    /** A registry's world: an organization, its staff author, patients with entries, some of them consenting to the client. */
    private record World(UUID org, UUID staff, BulkClients client, List<UUID> consented, List<UUID> others,
                         Map<UUID, List<UUID>> entries) {
    }

    private static World world(int consenting, int others) {
        UUID org = Fixtures.organization();
        UUID staff = Fixtures.account("staff", org, null);
        BulkClients client = BulkClients.register(org);
        List<UUID> consented = new ArrayList<>();
        List<UUID> rest = new ArrayList<>();
        Map<UUID, List<UUID>> entries = new HashMap<>();
        for (int i = 0; i < consenting + others; i++) {
            UUID patient = Fixtures.patient(org);
            List<UUID> ids = new ArrayList<>();
            ids.add(Fixtures.entry(patient, "observation", false, staff));
            ids.add(Fixtures.entry(patient, "condition", false, staff));
            ids.add(Fixtures.entry(patient, "note", false, staff));
            entries.put(patient, ids);
            if (i < consenting) {
                Fixtures.grant(patient, "app", client.account, "observation,condition,note");
                consented.add(patient);
            } else {
                rest.add(patient);
            }
        }
        return new World(org, staff, client, consented, rest, entries);
    }

    private static Response kickOff(String token, String path) {
        return given().auth().oauth2(token).header("Prefer", "respond-async").accept("application/fhir+json")
                .urlEncodingEnabled(false).get(FHIR + path);
    }

    private static String statusPath(Response kickOff) {
        kickOff.then().statusCode(202).header("Content-Location", containsString("/fhir/r4/$export-status/"));
        return URI.create(kickOff.header("Content-Location")).getPath();
    }

    private static JsonNode manifest(String token, String status) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> given().auth().oauth2(token).get(status).statusCode() != 202);
        Response done = given().auth().oauth2(token).get(status);
        done.then().statusCode(200).header("Expires", notNullValue());
        try {
            return JSON.readTree(done.asString());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    /** Every file of a manifest, downloaded: type -> its lines parsed. */
    private static Map<String, List<JsonNode>> download(String token, JsonNode manifest) {
        Map<String, List<JsonNode>> files = new HashMap<>();
        for (JsonNode output : manifest.get("output")) {
            Response file = given().auth().oauth2(token).accept("application/fhir+ndjson")
                    .get(URI.create(output.get("url").asText()).getPath());
            file.then().statusCode(200).contentType(containsString("application/fhir+ndjson"));
            List<JsonNode> lines = new ArrayList<>();
            for (String line : file.asString().split("\n")) {
                if (!line.isEmpty()) {
                    try {
                        lines.add(JSON.readTree(line));
                    } catch (Exception e) {
                        throw new AssertionError("not one JSON resource per line: " + e.getMessage());
                    }
                }
            }
            assertEquals(output.get("count").asLong(), lines.size(), output.get("type").asText() + " count");
            lines.forEach(l -> assertEquals(output.get("type").asText(), l.get("resourceType").asText()));
            files.put(output.get("type").asText(), lines);
        }
        return files;
    }

    private static Set<String> ids(List<JsonNode> lines) {
        Set<String> ids = new HashSet<>();
        for (JsonNode line : lines) {
            assertTrue(ids.add(line.get("id").asText()), "resource written twice: " + line.get("id").asText());
        }
        return ids;
    }

    private static Set<String> strings(List<UUID> ids) {
        Set<String> out = new HashSet<>();
        ids.forEach(id -> out.add(id.toString()));
        return out;
    }

    // ------------------------------------------------------------------ the whole flow, per level

    @Test
    void aRegistrySystemClientExportsItsGroupEndToEnd() {
        World w = world(3, 2);
        String token = w.client.token();
        String group = "consent-" + w.client.account;

        given().auth().oauth2(token).get(FHIR + "/Group").then().statusCode(200)
                .body("resourceType", equalTo("Bundle")).body("entry.resource.id", hasItem(group))
                .body("entry.find { it.resource.id == '" + group + "' }.resource.quantity", equalTo(3));
        List<String> members = given().auth().oauth2(token).get(FHIR + "/Group/" + group).then().statusCode(200)
                .body("resourceType", equalTo("Group")).body("type", equalTo("person")).body("actual", equalTo(true))
                .extract().path("member.entity.reference");
        assertEquals(w.consented.stream().map(p -> "Patient/" + p).collect(java.util.stream.Collectors.toSet()), Set.copyOf(members));

        Response kickOff = kickOff(token, "/Group/" + group + "/$export?_outputFormat=application%2Ffhir%2Bndjson");
        String status = statusPath(kickOff);
        JsonNode manifest = manifest(token, status);
        assertTrue(manifest.get("requiresAccessToken").asBoolean());
        assertTrue(manifest.get("request").asText().endsWith("/fhir/r4/Group/" + group + "/$export?_outputFormat=application%2Ffhir%2Bndjson"),
                manifest.get("request").asText());
        assertNotNull(Instant.parse(manifest.get("transactionTime").asText()));
        assertTrue(manifest.get("error").isArray() && manifest.get("error").isEmpty());

        Map<String, List<JsonNode>> files = download(token, manifest);
        assertEquals(Set.of("Patient", "Observation", "DiagnosticReport", "Condition", "DocumentReference", "Provenance"),
                files.keySet());
        assertEquals(strings(w.consented), ids(files.get("Patient")), "exactly the group's members");
        // each member's lab result is grouped into that member's lab report, as the FHIR API groups it
        assertEquals(3, files.get("DiagnosticReport").size());
        for (JsonNode report : files.get("DiagnosticReport")) {
            String patient = report.at("/subject/reference").asText().substring("Patient/".length());
            assertTrue(strings(w.consented).contains(patient));
            assertEquals(1, report.get("result").size());
            assertTrue(w.entries.get(UUID.fromString(patient)).contains(
                    UUID.fromString(report.at("/result/0/reference").asText().substring("Observation/".length()))));
        }
        Set<String> expected = new HashSet<>();
        w.consented.forEach(p -> w.entries.get(p).forEach(e -> expected.add(e.toString())));
        Set<String> entries = new HashSet<>();
        entries.addAll(ids(files.get("Observation")));
        entries.addAll(ids(files.get("Condition")));
        entries.addAll(ids(files.get("DocumentReference")));
        assertEquals(expected, entries);
        assertEquals(expected.size(), ids(files.get("Provenance")).size());
        for (JsonNode line : files.get("Observation")) {
            assertTrue(strings(w.consented).contains(line.at("/subject/reference").asText().substring("Patient/".length())));
        }

        // each exported patient has one disclosure: who (the client's account), what (the types), the job
        String job = status.substring(status.lastIndexOf('/') + 1);
        List<List<String>> disclosed = Db.rows("select cast(patient_id as text), basis, query from audit_event where actor_id = ?"
                + " and action = 'export' and resource_type = 'bulk-export' and resource_id = ?", w.client.account, job);
        assertEquals(strings(w.consented), disclosed.stream().map(r -> r.get(0)).collect(java.util.stream.Collectors.toSet()));
        assertEquals(3, disclosed.size());
        disclosed.forEach(r -> assertEquals("grant", r.get(1)));
        given().auth().oauth2(Tokens.staff(w.staff, w.org)).get("/api/v1/patients/" + w.consented.get(0) + "/disclosures")
                .then().statusCode(200).body("items.action", hasItem("export"));
    }

    @Test
    void patientLevelHonoursTypeAndSince() {
        World w = world(2, 1);
        UUID fresh = w.entries.get(w.consented.get(1)).get(0);
        Db.update("update chart_entry set updated_at = now() where id = ?", fresh);
        String since = Instant.now().minusSeconds(1800).toString();
        String token = w.client.token();
        JsonNode manifest = manifest(token, statusPath(kickOff(token, "/Patient/$export?_outputFormat=ndjson&_type=Observation,Provenance&_since=" + since)));
        Map<String, List<JsonNode>> files = download(token, manifest);
        assertEquals(Set.of("Observation", "Provenance"), files.keySet(), "_type: nothing else; _since: no unchanged Patient");
        assertEquals(Set.of(fresh.toString()), ids(files.get("Observation")));
        assertEquals(Set.of(fresh + "-1"), ids(files.get("Provenance")));

        JsonNode all = manifest(token, statusPath(kickOff(token, "/Patient/$export?_outputFormat=application%2Fndjson&_type=Condition")));
        assertEquals(2, download(token, all).get("Condition").size());
    }

    @Test
    void systemLevelIsForBackendServicesTokens() {
        World w = world(1, 1);
        String token = w.client.token();
        JsonNode manifest = manifest(token, statusPath(kickOff(token, "/$export?_type=Patient")));
        assertEquals(strings(w.consented), ids(download(token, manifest).get("Patient")));

        kickOff(Tokens.staff(w.staff, w.org), "/$export").then().statusCode(403)
                .body("resourceType", equalTo("OperationOutcome")).body("issue[0].code", equalTo("forbidden"));
    }

    @Test
    void recordsStaffExportTheirOrganizationAndEveryLineValidatesAgainstUsCore() {
        String token = Tokens.samRecords();
        String group = "org-" + DemoAccounts.RIVERSIDE;
        given().auth().oauth2(token).get(FHIR + "/Group").then().statusCode(200).body("entry.resource.id", hasItem(group));
        JsonNode manifest = manifest(token, statusPath(kickOff(token, "/Group/" + group + "/$export")));
        Map<String, List<JsonNode>> files = download(token, manifest);
        assertTrue(files.keySet().containsAll(Set.of("Patient", "Observation", "DiagnosticReport", "Condition", "Encounter",
                "Coverage", "Provenance")), files.keySet().toString());
        int validated = 0;
        List<String> errors = new ArrayList<>();
        // the blood-pressure panels the FHIR API derives travel too, and validate as us-core-blood-pressure
        JsonNode panel = files.get("Observation").stream().filter(o -> "85354-9".equals(o.at("/code/coding/0/code").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("no blood-pressure panel exported"));
        UsCoreValidator.validate(panel.toString()).stream().filter(UsCoreValidator::isError)
                .forEach(m -> errors.add("BP panel: " + m.getLocationString() + " " + m.getMessage()));
        for (Map.Entry<String, List<JsonNode>> file : files.entrySet()) {
            List<JsonNode> lines = file.getValue();
            for (int i = 0; i < lines.size(); i += Math.max(1, lines.size() / 5)) {
                UsCoreValidator.validate(lines.get(i).toString()).stream().filter(UsCoreValidator::isError)
                        .forEach(m -> errors.add(file.getKey() + ": " + m.getLocationString() + " " + m.getMessage()));
                validated++;
            }
        }
        assertTrue(validated >= 25, "sampled " + validated);
        assertEquals(List.of(), errors);
    }

    // ------------------------------------------------------------------ status, cancel, expiry, the bound

    @Test
    void whileRunningTheStatusIs202WithProgressThenCancelIs202And404() {
        World w = world(1, 0);
        String token = w.client.token();
        worker.pause(true);
        String status = statusPath(kickOff(token, "/Patient/$export"));
        given().auth().oauth2(token).get(status).then().statusCode(202)
                .header("X-Progress", containsString("in progress")).header("Retry-After", notNullValue());
        given().auth().oauth2(token).delete(status).then().statusCode(202);
        given().auth().oauth2(token).get(status).then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome")).body("issue[0].code", equalTo("not-found"));
        given().auth().oauth2(token).delete(status).then().statusCode(404);
        String job = status.substring(status.lastIndexOf('/') + 1);
        await().atMost(Duration.ofSeconds(20)).until(() -> Db.rows("select 1 from export_job where id = cast(? as uuid)", job).isEmpty());
    }

    @Test
    void concurrentJobsAreBoundedPerClient() {
        World w = world(1, 0);
        String token = w.client.token();
        worker.pause(true);
        String first = statusPath(kickOff(token, "/Patient/$export"));
        String second = statusPath(kickOff(token, "/Patient/$export"));
        kickOff(token, "/Patient/$export").then().statusCode(429).header("Retry-After", notNullValue())
                .body("resourceType", equalTo("OperationOutcome")).body("issue[0].code", equalTo("throttled"));
        given().auth().oauth2(token).delete(first).then().statusCode(202);
        String third = statusPath(kickOff(token, "/Patient/$export"));
        given().auth().oauth2(token).delete(second).then().statusCode(202);
        given().auth().oauth2(token).delete(third).then().statusCode(202);
    }

    @Test
    void filesExpireAndAreRemoved() throws Exception {
        World w = world(1, 0);
        String token = w.client.token();
        String status = statusPath(kickOff(token, "/Patient/$export"));
        JsonNode manifest = manifest(token, status);
        String job = status.substring(status.lastIndexOf('/') + 1);
        Path dir = Path.of("target/export-test", job).toAbsolutePath();
        assertTrue(Files.isDirectory(dir));
        String fileUrl = URI.create(manifest.get("output").get(0).get("url").asText()).getPath();
        Db.update("update export_job set expires_at = now() - interval '1 second' where id = cast(? as uuid)", job);
        given().auth().oauth2(token).get(status).then().statusCode(404);
        given().auth().oauth2(token).get(fileUrl).then().statusCode(404);
        await().atMost(Duration.ofSeconds(20)).until(() -> !Files.exists(dir)
                && Db.rows("select 1 from export_job where id = cast(? as uuid)", job).isEmpty());
        assertTrue(Db.rows("select 1 from export_file where job_id = cast(? as uuid)", job).isEmpty());
    }

    // ------------------------------------------------------------------ access

    @Test
    void aSecondClientCannotReadTheStatusOrDownload() {
        World w = world(1, 0);
        String token = w.client.token();
        String status = statusPath(kickOff(token, "/Patient/$export"));
        JsonNode manifest = manifest(token, status);
        String file = URI.create(manifest.get("output").get(0).get("url").asText()).getPath();
        String other = BulkClients.register(w.org).token();
        given().auth().oauth2(other).get(file).then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
        given().auth().oauth2(other).get(status).then().statusCode(404);
        given().auth().oauth2(other).delete(status).then().statusCode(404);
        given().get(file).then().statusCode(401);
        given().auth().oauth2(token).get(file).then().statusCode(200);
        given().auth().oauth2(other).get(FHIR + "/Group/consent-" + w.client.account).then().statusCode(404);
    }

    @Test
    void aPatientWhoRevokedAfterTheKickOffIsAbsent() {
        World w = world(3, 0);
        String token = w.client.token();
        worker.pause(true);
        String status = statusPath(kickOff(token, "/Group/consent-" + w.client.account + "/$export"));
        UUID revoked = w.consented.get(1);
        Db.update("update access_grant set revoked_at = now(), revoked_by = patient_id where patient_id = ?", revoked);
        worker.pause(false);
        Map<String, List<JsonNode>> files = download(token, manifest(token, status));
        Set<String> expected = strings(w.consented);
        expected.remove(revoked.toString());
        assertEquals(expected, ids(files.get("Patient")));
        for (List<JsonNode> lines : files.values()) {
            for (JsonNode line : lines) {
                assertFalse(line.toString().contains(revoked.toString()), "the revoked patient's data was exported");
            }
        }
        assertTrue(Db.rows("select 1 from audit_event where action = 'export' and patient_id = ?", revoked).isEmpty());
    }

    @Test
    void aClientMarkedForDeidentifiedDataGetsItOnlyThroughTheHook() {
        World w = world(1, 0);
        Db.update("update oauth_client set deidentified_export = true where client_id = ?", w.client.clientId);
        String token = w.client.token();
        String status = statusPath(kickOff(token, "/Patient/$export"));
        await().atMost(Duration.ofSeconds(30)).until(() -> given().auth().oauth2(token).get(status).statusCode() != 202);
        if (deidentifiers.isResolvable()) {
            // quality.SafeHarbor is deployed: the files hold pseudonyms, consistently, and no identifier
            Map<String, List<JsonNode>> files = download(token, manifest(token, status));
            UUID patient = w.consented().get(0);
            String all = files.toString();
            for (String identifying : List.of(patient.toString(), Fixtures.mrn(patient), w.staff().toString(), w.org().toString())) {
                assertFalse(all.contains(identifying), identifying + " in " + all);
            }
            assertEquals(1, files.get("Patient").size());
            String pseudonym = files.get("Patient").get(0).get("id").asText();
            files.values().stream().flatMap(List::stream).filter(r -> r.has("subject"))
                    .forEach(r -> assertEquals("Patient/" + pseudonym, r.at("/subject/reference").asText(), r.toString()));
        } else {
            // fails closed: no identified data leaves without the de-identifier
            given().auth().oauth2(token).get(status).then().statusCode(500)
                    .body("resourceType", equalTo("OperationOutcome")).body("issue[0].diagnostics", containsString("de-identified"));
            String job = status.substring(status.lastIndexOf('/') + 1);
            assertTrue(Db.rows("select 1 from export_file where job_id = cast(? as uuid)", job).isEmpty());
        }
    }

    // ------------------------------------------------------------------ a crashed instance

    @Test
    void aJobWhoseInstanceDiedIsTakenOverAndWritesEveryResourceExactlyOnce() throws Exception {
        World w = world(7, 0); // chunks of 2 patients (test profile): 4 chunks
        String token = w.client.token();
        worker.crashAfter(1);
        String status = statusPath(kickOff(token, "/Patient/$export"));
        String job = status.substring(status.lastIndexOf('/') + 1);
        // the instance commits chunk 1, writes chunk 2's lines and dies before committing them; its lease stays
        await().atMost(Duration.ofSeconds(30)).until(() -> !worker.crashPending());
        List<List<String>> state = Db.rows("select status, cast(patients_done as text), lease_owner from export_job where id = cast(? as uuid)", job);
        assertEquals("running", state.get(0).get(0));
        assertEquals("2", state.get(0).get(1));
        assertNotNull(state.get(0).get(2));
        boolean longerThanCheckpoint = false;
        for (List<String> file : Db.rows("select file_name, cast(bytes as text) from export_file where job_id = cast(? as uuid)", job)) {
            Path path = Path.of("target/export-test", job, file.get(0));
            longerThanCheckpoint |= Files.size(path) > Long.parseLong(file.get(1));
        }
        assertTrue(longerThanCheckpoint, "the crashed chunk left uncommitted lines behind");
        given().auth().oauth2(token).get(status).then().statusCode(202);

        // its lease runs out: another worker takes the job over from the checkpoint
        Db.update("update export_job set lease_until = now() - interval '1 second' where id = cast(? as uuid)", job);
        Map<String, List<JsonNode>> files = download(token, manifest(token, status));
        assertEquals(strings(w.consented), ids(files.get("Patient")));
        Set<String> expected = new HashSet<>();
        w.consented.forEach(p -> w.entries.get(p).forEach(e -> expected.add(e.toString())));
        Set<String> entries = new HashSet<>();
        for (String type : List.of("Observation", "Condition", "DocumentReference")) {
            for (String id : ids(files.get(type))) {
                assertTrue(entries.add(id));
            }
        }
        assertEquals(expected, entries);
        assertEquals(7, files.get("DiagnosticReport").size(), "each member's lab report once");
        assertEquals(7, ids(files.get("DiagnosticReport")).size());
        assertEquals(expected.size(), ids(files.get("Provenance")).size());
        assertEquals(7, Db.rows("select 1 from audit_event where action = 'export' and resource_id = ?", job).size(),
                "one disclosure per patient, none from the rolled-back chunk");
    }

    // ------------------------------------------------------------------ bad input

    @Test
    void badKickOffsAreOperationOutcomesAndWriteNothing() {
        World w = world(1, 0);
        String token = w.client.token();
        given().auth().oauth2(token).get(FHIR + "/Patient/$export").then().statusCode(400)
                .contentType(containsString("application/fhir+json"))
                .body("resourceType", equalTo("OperationOutcome")).body("issue[0].expression[0]", equalTo("Prefer"));
        kickOff(token, "/Patient/$export?_outputFormat=text%2Fcsv").then().statusCode(400).body("issue[0].expression[0]", equalTo("_outputFormat"));
        kickOff(token, "/Patient/$export?_type=Banana").then().statusCode(400).body("issue[0].expression[0]", equalTo("_type"));
        kickOff(token, "/Patient/$export?_since=yesterday").then().statusCode(400).body("issue[0].expression[0]", equalTo("_since"));
        kickOff(token, "/Patient/$export?_typeFilter=Observation%3Fcategory%3Dlaboratory").then().statusCode(400)
                .body("issue[0].code", equalTo("not-supported"));
        kickOff(token, "/Group/org-" + w.org + "/$export").then().statusCode(404).body("resourceType", equalTo("OperationOutcome"));
        kickOff(token, "/Group/nonsense/$export").then().statusCode(404);
        given().auth().oauth2(token).get(FHIR + "/$export-status/" + UUID.randomUUID()).then().statusCode(404)
                .body("resourceType", equalTo("OperationOutcome"));
        given().auth().oauth2(token).get(FHIR + "/$export-status/not-a-uuid").then().statusCode(404);
        given().auth().oauth2(token).accept("text/html").get(FHIR + "/$export-file/" + UUID.randomUUID() + "/Patient.ndjson")
                .then().statusCode(406).body("resourceType", equalTo("OperationOutcome"));
        given().header("Prefer", "respond-async").get(FHIR + "/Patient/$export").then().statusCode(401)
                .body("resourceType", equalTo("OperationOutcome"));
        assertTrue(Db.rows("select 1 from export_job where account_id = ?", w.client.account).isEmpty(), "nothing half-written");
        // the FHIR API's own routes are untouched
        given().auth().oauth2(token).get(FHIR + "/Patient/" + w.consented.get(0)).then().statusCode(200)
                .body("resourceType", equalTo("Patient"));
        given().get(FHIR + "/metadata").then().statusCode(200)
                .body("rest[0].operation.definition", hasItem("http://hl7.org/fhir/uv/bulkdata/OperationDefinition/group-export|2.0.0"));
    }
}
