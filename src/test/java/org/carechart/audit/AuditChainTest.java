package org.carechart.audit;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.carechart.audit.AuditChainRepository.ChainRow;
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

    @jakarta.inject.Inject
    AuditChainRepository chains;

    @jakarta.inject.Inject
    AuditChainKey key;

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
    void separatorsQuotesAndNonAsciiTextSealAndVerify() {
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
    void aRowRehashedWithoutTheKeyIsCaughtAndOneRehashedWithItBreaksTheLinkToItsSuccessor() throws SQLException {
        UUID patient = UUID.randomUUID();
        List<UUID> ids = chainOf(patient, 3);
        assertEquals(true, verify(patient).getBoolean("intact"));
        try (Connection superuser = AuditFixtures.ownerConnection(); Statement sql = superuser.createStatement()) {
            sql.execute("set session_replication_role = replica");
            sql.execute("create temp table original as select * from audit_seal where event_id = '" + ids.get(0) + "'");
            sql.execute("update audit_event e set outcome = 'denied' where id = '" + ids.get(0) + "'");
            try {
                // Someone with the database but not the service's key recomputes a plain SHA-256 link...
                sql.execute("update audit_seal s set hash = sha256(s.prev_hash || audit_canonical(e)) from audit_event e "
                        + "where e.id = s.event_id and s.event_id = '" + ids.get(0) + "'");
                JsonPath unkeyed = verify(patient);
                assertEquals(false, unkeyed.getBoolean("intact"));
                assertEquals(1, unkeyed.getInt("brokenLink.seq"));
                assertEquals("hash-mismatch", unkeyed.getString("brokenLink.problem"));

                // ...and even with the key, the next link names the old hash and gives it away.
                ChainRow altered = chains.batchAfter(patient.toString(), 0, patient.toString(), 1)
                        .await().atMost(java.time.Duration.ofSeconds(10)).get(0);
                byte[] forged = AuditChain.hmac(altered.prevHash(), altered, key);
                try (PreparedStatement update = superuser.prepareStatement("update audit_seal set hash = ? where event_id = ?")) {
                    update.setBytes(1, forged);
                    update.setObject(2, ids.get(0));
                    update.executeUpdate();
                }
                JsonPath keyed = verify(patient);
                assertEquals(false, keyed.getBoolean("intact"));
                assertEquals(2, keyed.getInt("brokenLink.seq"));
                assertEquals("previous-hash-mismatch", keyed.getString("brokenLink.problem"));
            } finally {
                sql.execute("update audit_event e set outcome = 'success' where id = '" + ids.get(0) + "'");
                sql.execute("update audit_seal s set hash = o.hash from original o where s.event_id = o.event_id");
            }
        }
        assertEquals(true, verify(patient).getBoolean("intact"));
    }

    @Test
    void deletedEventsAreMissedAtTheEndOfAChainInTheMiddleAndWhole() throws SQLException {
        UUID patient = UUID.randomUUID();
        List<UUID> ids = chainOf(patient, 3);
        assertEquals(true, verify(patient).getBoolean("intact"));
        try (Connection superuser = AuditFixtures.ownerConnection(); Statement sql = superuser.createStatement()) {
            sql.execute("set session_replication_role = replica");
            sql.execute("create temp table removed (like audit_event)");
            sql.execute("create temp table removed_seal (like audit_seal)");
            // Each verification is itself recorded in this patient's chain: keep every row, to put back.
            String keep = "insert into removed select * from audit_event e where e.chain_key = '" + patient
                    + "' and not exists (select 1 from removed r where r.id = e.id); "
                    + "insert into removed_seal select * from audit_seal s where s.chain_key = '" + patient
                    + "' and not exists (select 1 from removed_seal r where r.event_id = s.event_id)";
            String putBack = "insert into audit_event select * from removed r where not exists (select 1 from audit_event e where e.id = r.id); "
                    + "insert into audit_seal select * from removed_seal r where not exists (select 1 from audit_seal s where s.event_id = r.event_id)";
            try {
                sql.execute(keep);
                sql.execute("delete from audit_event where id = '" + ids.get(1) + "'");
                JsonPath row = verify(patient);
                assertEquals("event-missing", row.getString("brokenLink.problem"));
                assertEquals(2, row.getInt("brokenLink.seq"));

                sql.execute(putBack);
                sql.execute(keep);
                // The tail: the third event and everything after it (the verifications recorded since).
                sql.execute("delete from audit_event e using audit_seal s where s.event_id = e.id and s.chain_key = '" + patient
                        + "' and s.chain_seq >= 3; delete from audit_seal where chain_key = '" + patient + "' and chain_seq >= 3");
                JsonPath tail = verify(patient);
                assertEquals(false, tail.getBoolean("intact"));
                assertEquals("tail-missing", tail.getString("brokenLink.problem"));
                assertEquals(3, tail.getInt("brokenLink.seq"));

                sql.execute(putBack);
                sql.execute(keep);
                sql.execute("delete from audit_event where id = '" + ids.get(1) + "'; delete from audit_seal where event_id = '" + ids.get(1) + "'");
                JsonPath middle = verify(patient);
                assertEquals("sequence-gap", middle.getString("brokenLink.problem"));
                assertEquals(3, middle.getInt("brokenLink.seq"));
                assertEquals(ids.get(2).toString(), middle.getString("brokenLink.eventId"));

                sql.execute(putBack);
                sql.execute(keep);
                sql.execute("delete from audit_event where chain_key = '" + patient + "'; delete from audit_seal where chain_key = '" + patient + "'");
                JsonPath gone = verify(patient);
                assertEquals(false, gone.getBoolean("intact"));
                assertEquals(patient.toString(), gone.getString("brokenLink.chain"));
                assertEquals("chain-missing", gone.getString("brokenLink.problem"));
            } finally {
                sql.execute(putBack);
            }
        }
        assertEquals(true, verify(patient).getBoolean("intact"));
    }

    @Test
    void reorderedLinksAreCaught() throws SQLException {
        UUID patient = UUID.randomUUID();
        List<UUID> ids = chainOf(patient, 3);
        assertEquals(true, verify(patient).getBoolean("intact"));
        try (Connection superuser = AuditFixtures.ownerConnection(); Statement sql = superuser.createStatement()) {
            sql.execute("set session_replication_role = replica");
            // Swap which events the first two links seal: the sequence and the hashes stay, the content moves.
            String swap = "update audit_seal set event_id = case event_id when '%1$s' then '%2$s'::uuid else '%1$s'::uuid end "
                    + "where event_id in ('%1$s', '%2$s')";
            sql.execute("alter table audit_seal drop constraint audit_seal_event_id_key");
            sql.execute(swap.formatted(ids.get(0), ids.get(1)));
            try {
                JsonPath report = verify(patient);
                assertEquals(false, report.getBoolean("intact"));
                assertEquals(1, report.getInt("brokenLink.seq"));
                assertEquals("hash-mismatch", report.getString("brokenLink.problem"));
            } finally {
                sql.execute(swap.formatted(ids.get(0), ids.get(1)));
                sql.execute("alter table audit_seal add constraint audit_seal_event_id_key unique (event_id)");
            }
        }
        assertEquals(true, verify(patient).getBoolean("intact"));
    }

    @Test
    void anEventTakenOffTheSealingQueueIsReportedUnsealed() throws SQLException {
        UUID patient = UUID.randomUUID();
        try (Connection owner = AuditFixtures.ownerConnection(); Statement sql = owner.createStatement()) {
            owner.setAutoCommit(false);
            UUID id = UUID.randomUUID();
            sql.execute("""
                    insert into audit_event (id, chain_key, occurred_at, actor_name, patient_id, action, outcome)
                    values ('%s', '', now(), 'Queue Jumper', '%s', 'read', 'success')""".formatted(id, patient));
            sql.execute("delete from audit_pending where event_id = '" + id + "'");
            owner.commit();
            JsonPath report = verify(patient);
            assertEquals(false, report.getBoolean("intact"));
            assertEquals("unsealed", report.getString("brokenLink.problem"));
            assertEquals(id.toString(), report.getString("brokenLink.eventId"));
            // Put it back in the queue: the sealer seals it and the chain verifies again.
            sql.execute("insert into audit_pending (event_id, chain_key) values ('" + id + "', '" + patient + "')");
            owner.commit();
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
        // The seals and the chain heads move only through audit_seal(), which only ever extends a chain.
        assertEquals(true, verify(patient).getBoolean("intact"));
        for (String change : List.of("update audit_chain_head set last_seq = 0 where chain_key = '" + patient + "'",
                "insert into audit_chain_head values ('forged', 1, '\\x00')",
                "update audit_seal set hash = '\\x00' where event_id = '" + id + "'",
                "delete from audit_seal where event_id = '" + id + "'",
                "delete from audit_pending")) {
            IllegalStateException refused = assertThrows(IllegalStateException.class, () -> Db.update(change), change);
            assertEquals("42501", ((SQLException) refused.getCause()).getSQLState(), change);
        }
        IllegalStateException rewind = assertThrows(IllegalStateException.class, () -> Db.rows(
                "select audit_seal(array[?], array[1::bigint], array[?::uuid], array['\\x'::bytea], array['\\x00'::bytea], 'hmac-sha256/2', null)",
                patient.toString(), id.toString()));
        assertEquals("23514", ((SQLException) rewind.getCause()).getSQLState());
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
        JsonPath report = verify(patient);
        String written = " from audit_seal s join audit_event e on e.id = s.event_id"
                + " where s.chain_key = ? and e.actor_name = 'Concurrent Writer'";
        assertEquals(total, Db.count("select count(distinct s.chain_seq)" + written, patient.toString()));
        assertEquals(total, Db.count("select max(s.chain_seq)" + written, patient.toString()));
        assertEquals(true, report.getBoolean("intact"), report::prettify);
        assertEquals(total, report.getLong("events"));
    }
}
