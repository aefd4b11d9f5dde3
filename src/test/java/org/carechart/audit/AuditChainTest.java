package org.carechart.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class AuditChainTest {

    private static final String VERIFY = "/api/v1/audit/verification";

    private static List<UUID> chainOf(UUID patient, int events) {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < events; i++) {
            ids.add(AuditFixtures.event(patient, DemoAccounts.DR_LEE, "Dr. Hannah Lee", "provider", DemoAccounts.RIVERSIDE,
                    "read", "observation", "care-team", "success", Instant.now()));
        }
        return ids;
    }

    private static JsonPath verify(UUID patient) {
        var request = given().auth().oauth2(Tokens.admin(DemoAccounts.ADMIN));
        if (patient != null) {
            request.queryParam("patientId", patient);
        }
        return request.when().get(VERIFY).then().statusCode(200).extract().jsonPath();
    }

    @Test
    void theWholeTrailVerifiesIncludingTheDemoHistory() {
        JsonPath report = verify(null);
        assertTrue(report.getBoolean("intact"), report::prettify);
        assertTrue(report.getLong("events") >= 30, report::prettify);
        given().auth().oauth2(Tokens.samRecords()).queryParam("patientId", DemoAccounts.ALICE_PATIENT)
                .when().get(VERIFY)
                .then().statusCode(200).body("intact", equalTo(true)).body("events", greaterThan(19))
                .body("chains", equalTo(1)).body("brokenLink", nullValue());
    }

    @Test
    void theHashInJavaIsTheOneTheDatabaseComputed() {
        UUID patient = UUID.randomUUID();
        // Text with the separators, quotes and non-ASCII a canonical form must survive.
        Db.update("""
                insert into audit_event (id, chain_key, chain_seq, occurred_at, actor_id, actor_name, actor_roles, patient_id,
                                         action, resource_type, resource_id, query, purpose, outcome, client_address, user_agent,
                                         prev_hash, hash)
                values (?, '', 0, now(), ?, 'Zoë O''Brien | Ärztin', array['provider', 'staff'], ?, 'search', 'observation',
                        null, 'code=4548-4&from=2026', 'treatment', 'success', '::1', 'Mozilla/5.0 (X11; Linux)', '\\x', '\\x')
                """, UUID.randomUUID(), UUID.randomUUID(), patient);
        assertEquals(true, verify(patient).getBoolean("intact"));
    }

    @Test
    void aRowAlteredBehindTheTriggersBackIsTheFirstBrokenLink() throws SQLException {
        UUID patient = UUID.randomUUID();
        List<UUID> ids = chainOf(patient, 4);
        assertEquals(true, verify(patient).getBoolean("intact"));

        try (Connection superuser = AuditFixtures.ownerConnection(); Statement sql = superuser.createStatement()) {
            sql.execute("set session_replication_role = replica");
            sql.execute("update audit_event set resource_type = 'note' where id = '" + ids.get(1) + "'");
            try {
                JsonPath report = verify(patient);
                assertEquals(false, report.getBoolean("intact"));
                assertEquals(patient.toString(), report.getString("brokenLink.chain"));
                assertEquals(2, report.getInt("brokenLink.seq"));
                assertEquals(ids.get(1).toString(), report.getString("brokenLink.eventId"));
                assertEquals("hash-mismatch", report.getString("brokenLink.problem"));
                assertEquals(1, report.getInt("events"));
                JsonPath everything = verify(null);
                assertEquals(false, everything.getBoolean("intact"));
                assertEquals(ids.get(1).toString(), everything.getString("brokenLink.eventId"));
            } finally {
                sql.execute("update audit_event set resource_type = 'observation' where id = '" + ids.get(1) + "'");
            }
        }
        assertEquals(true, verify(patient).getBoolean("intact"));
    }

    @Test
    void aRehashedRowStillBreaksTheLinkToItsSuccessor() throws SQLException {
        UUID patient = UUID.randomUUID();
        List<UUID> ids = chainOf(patient, 3);
        try (Connection superuser = AuditFixtures.ownerConnection(); Statement sql = superuser.createStatement()) {
            sql.execute("set session_replication_role = replica");
            sql.execute("create temp table original as select * from audit_event where id = '" + ids.get(0) + "'");
            // A careful forger recomputes the altered row's own hash...
            sql.execute("update audit_event e set outcome = 'denied' where id = '" + ids.get(0) + "'");
            sql.execute("update audit_event e set hash = sha256(e.prev_hash || audit_canonical(e)) where id = '" + ids.get(0) + "'");
            try {
                JsonPath report = verify(patient);
                assertEquals(false, report.getBoolean("intact"));
                // ...and the next row, which names the old hash, gives it away.
                assertEquals(2, report.getInt("brokenLink.seq"));
                assertEquals("previous-hash-mismatch", report.getString("brokenLink.problem"));
            } finally {
                sql.execute("update audit_event e set outcome = o.outcome, hash = o.hash from original o where e.id = o.id");
            }
        }
        assertEquals(true, verify(patient).getBoolean("intact"));
    }

    @Test
    void deletedEventsAreMissedAtTheEndOfAChainInTheMiddleAndWhole() throws SQLException {
        UUID patient = UUID.randomUUID();
        List<UUID> ids = chainOf(patient, 3);
        try (Connection superuser = AuditFixtures.ownerConnection(); Statement sql = superuser.createStatement()) {
            sql.execute("set session_replication_role = replica");
            sql.execute("create temp table removed (like audit_event)");
            // Each verification is itself recorded in this patient's chain: keep every row, to put back.
            String keep = "insert into removed select * from audit_event e where e.chain_key = '" + patient
                    + "' and not exists (select 1 from removed r where r.id = e.id)";
            try {
                sql.execute(keep);
                sql.execute("delete from audit_event where id = '" + ids.get(2) + "'");
                JsonPath tail = verify(patient);
                assertEquals(false, tail.getBoolean("intact"));
                assertEquals("tail-missing", tail.getString("brokenLink.problem"));
                assertEquals(3, tail.getInt("brokenLink.seq"));

                sql.execute("insert into audit_event select * from removed where id = '" + ids.get(2) + "'");
                sql.execute(keep);
                sql.execute("delete from audit_event where id = '" + ids.get(1) + "'");
                JsonPath middle = verify(patient);
                assertEquals("sequence-gap", middle.getString("brokenLink.problem"));
                assertEquals(3, middle.getInt("brokenLink.seq"));
                assertEquals(ids.get(2).toString(), middle.getString("brokenLink.eventId"));

                sql.execute(keep);
                sql.execute("delete from audit_event where chain_key = '" + patient + "'");
                JsonPath gone = verify(patient);
                assertEquals(false, gone.getBoolean("intact"));
                assertEquals(patient.toString(), gone.getString("brokenLink.chain"));
            } finally {
                sql.execute("insert into audit_event select * from removed r "
                        + "where not exists (select 1 from audit_event e where e.id = r.id)");
            }
        }
        assertEquals(true, verify(patient).getBoolean("intact"));
    }

    @Test
    void theDatabaseRefusesUpdateDeleteAndTruncateToTheOwnerAndTheServicesRole() throws SQLException {
        UUID patient = UUID.randomUUID();
        UUID id = chainOf(patient, 1).get(0);
        List<String> changes = List.of(
                "update audit_event set outcome = 'denied' where id = '" + id + "'",
                "delete from audit_event where id = '" + id + "'",
                "truncate audit_event");
        // The owner is stopped by the append-only triggers...
        try (Connection owner = AuditFixtures.ownerConnection(); Statement sql = owner.createStatement()) {
            for (String change : changes) {
                SQLException refused = assertThrows(SQLException.class, () -> sql.execute(change), change);
                assertEquals("42501", refused.getSQLState(), change);
                assertTrue(refused.getMessage().contains("audit_event is append-only"), refused.getMessage());
            }
        }
        // ...and the role the service runs as lacks the rights in the first place.
        for (String change : changes) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Db.update(change), change);
            SQLException cause = (SQLException) refused.getCause();
            assertEquals("42501", cause.getSQLState(), change);
            assertTrue(cause.getMessage().contains("permission denied for table audit_event"), cause.getMessage());
        }
        assertEquals(1, Db.count("select count(*) from audit_event where id = ? and outcome = 'success'", id));
        // Db connects with the service's datasource credentials.
        assertEquals("carechart_runtime", currentUser());
    }

    private static String currentUser() {
        try (Connection connection = Db.connect(); Statement sql = connection.createStatement();
             var rows = sql.executeQuery("select current_user")) {
            rows.next();
            return rows.getString(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void concurrentWritersToOneChainLeaveOneUnbrokenSequence() throws Exception {
        UUID patient = UUID.randomUUID();
        int writers = 8;
        int eventsEach = 25;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Callable<Integer>> jobs = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                jobs.add(() -> {
                    try (Connection connection = Db.connect(); PreparedStatement insert = connection.prepareStatement("""
                            insert into audit_event (id, chain_key, chain_seq, occurred_at, actor_id, actor_name, patient_id,
                                                     action, resource_type, basis, outcome, prev_hash, hash)
                            values (?, '', 0, ?, ?, 'Concurrent Writer', ?, 'read', 'observation', 'care-team', 'success', '\\x', '\\x')
                            """)) {
                        for (int i = 0; i < eventsEach; i++) {
                            insert.setObject(1, UUID.randomUUID());
                            insert.setTimestamp(2, Timestamp.from(Instant.now()));
                            insert.setObject(3, UUID.randomUUID());
                            insert.setObject(4, patient);
                            insert.executeUpdate();
                        }
                    }
                    return eventsEach;
                });
            }
            int written = 0;
            for (Future<Integer> done : pool.invokeAll(jobs)) {
                written += done.get();
            }
            assertEquals(writers * eventsEach, written);
        } finally {
            pool.shutdownNow();
        }
        long total = writers * eventsEach;
        assertEquals(total, Db.count("select count(distinct chain_seq) from audit_event where chain_key = ?", patient.toString()));
        assertEquals(total, Db.count("select max(chain_seq) from audit_event where chain_key = ?", patient.toString()));
        JsonPath report = verify(patient);
        assertEquals(true, report.getBoolean("intact"), report::prettify);
        assertEquals(total, report.getLong("events"));
    }
}
