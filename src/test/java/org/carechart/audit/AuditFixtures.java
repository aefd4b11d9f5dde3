package org.carechart.audit;

import org.carechart.support.Db;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Fresh patients, accounts and audit events for one test, written with plain SQL (other features' endpoints are not here yet). */
final class AuditFixtures {

    private AuditFixtures() {
    }

    /**
     * A connection as the schema owner (the user Flyway migrates with), which may bypass triggers:
     * what an attacker with database superuser rights could do.
     */
    static java.sql.Connection ownerConnection() throws java.sql.SQLException {
        return Db.ownerConnection();
    }

    static UUID patient(UUID organization, String givenName) {
        UUID id = UUID.randomUUID();
        Db.update("insert into patient (id, organization_id, mrn, given_name, family_name, birth_date, sex) values (?, ?, ?, ?, 'Tester', ?, 'female')",
                id, organization, "T-" + id, givenName, LocalDate.of(1980, 5, 17));
        return id;
    }

    static UUID account(String displayName, String role, UUID organization) {
        UUID id = UUID.randomUUID();
        Db.update("insert into account (id, username, password_hash, display_name, roles, organization_id) values (?, ?, 'x', ?, array[?], ?)",
                id, "test-" + id, displayName, role, organization);
        return id;
    }

    static void proxy(UUID patient, UUID proxyAccount) {
        Db.update("insert into proxy_link (id, patient_id, proxy_account_id, relationship, starts_at) values (?, ?, ?, 'caregiver', now() - interval '1 day')",
                UUID.randomUUID(), patient, proxyAccount);
    }

    /** An event as a feature would record it; the trigger chains and hashes it. */
    static UUID event(UUID patient, UUID actor, String actorName, String role, UUID organization, String action,
                      String resourceType, String basis, String outcome, Instant at) {
        UUID id = UUID.randomUUID();
        Db.update("""
                insert into audit_event (id, chain_key, chain_seq, occurred_at, actor_id, actor_name, actor_roles, organization_id,
                                         acting_for, patient_id, action, resource_type, basis, outcome, prev_hash, hash)
                values (?, '', 0, ?, ?, ?, array[?], ?, ?, ?, ?, ?, ?, ?, '\\x', '\\x')
                """, id, Timestamp.from(at), actor, actorName, role, organization, "proxy".equals(basis) ? patient : null,
                patient, action, resourceType, basis, outcome);
        return id;
    }
}
