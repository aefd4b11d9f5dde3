package org.carechart.notification;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;

import java.util.UUID;

/** Fresh patients, proxies and providers for notification tests, and events published the way features do. */
final class NotificationFixtures {

    record Person(UUID accountId, UUID patientId, String token) {
    }

    private NotificationFixtures() {
    }

    static Person newPatient() {
        UUID patient = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        Db.update("""
                insert into patient (id, organization_id, mrn, given_name, family_name, birth_date, sex)
                values (?, ?, ?, 'Test', 'Patient', date '1980-01-01', 'female')""", patient, DemoAccounts.RIVERSIDE,
                "T-" + patient);
        Db.update("""
                insert into account (id, username, password_hash, display_name, roles, patient_id)
                values (?, ?, 'x', 'Test Patient', array['patient'], ?)""", account, "p-" + account, patient);
        return new Person(account, patient, Tokens.patient(account, patient));
    }

    /** A caregiver account with an active proxy link to the patient. Returns the link id in patientId. */
    static Person newProxyOf(UUID patient) {
        UUID account = UUID.randomUUID();
        UUID link = UUID.randomUUID();
        Db.update("""
                insert into account (id, username, password_hash, display_name, roles)
                values (?, ?, 'x', 'Test Proxy', array['patient'])""", account, "c-" + account);
        Db.update("""
                insert into proxy_link (id, patient_id, proxy_account_id, relationship, starts_at)
                values (?, ?, ?, 'caregiver', now() - interval '1 day')""", link, patient, account);
        return new Person(account, link, Tokens.claims(account, "Test Proxy", "patient").sign());
    }

    static void endProxyLink(UUID link) {
        Db.update("update proxy_link set ends_at = now() where id = ?", link);
    }

    static Person newCareTeamProvider(UUID patient) {
        UUID account = UUID.randomUUID();
        Db.update("""
                insert into account (id, username, password_hash, display_name, roles, organization_id)
                values (?, ?, 'x', 'Dr Test', array['provider'], ?)""", account, "d-" + account, DemoAccounts.RIVERSIDE);
        Db.update("""
                insert into care_team_member (id, patient_id, provider_id, role, starts_at)
                values (?, ?, ?, 'attending', now() - interval '1 day')""", UUID.randomUUID(), patient, account);
        return new Person(account, null, Tokens.provider(account, DemoAccounts.RIVERSIDE));
    }

    static EventDraft labResult(UUID patient, UUID actor) {
        return new EventDraft(EventKind.LAB_RESULT_ADDED, patient, "observation", UUID.randomUUID().toString(),
                "New lab result", actor);
    }

    /** Publishes as a feature does: inside a transaction of its own, committed. */
    static UUID publish(Events events, EventDraft draft) {
        try {
            return VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> events.publish(draft)));
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Publishes, then the surrounding change fails: the transaction rolls back. */
    static void publishAndRollBack(Events events, EventDraft draft) {
        try {
            VertxContextSupport.subscribeAndAwait(() -> Panache.withTransaction(() -> events.publish(draft)
                    .chain(id -> Uni.createFrom().failure(new IllegalStateException("the change failed")))));
        } catch (Throwable expected) {
            return;
        }
        throw new AssertionError("the transaction should have failed");
    }

    /**
     * Writes an event and its inbox entry on a plain JDBC connection of its own, as another
     * instance of the service would (same SQL function the service uses).
     */
    static UUID insertAsAnotherInstance(UUID patient, UUID... recipients) {
        UUID event = UUID.randomUUID();
        try (var connection = Db.connect()) {
            connection.setAutoCommit(false);
            try (var insert = connection.prepareStatement("""
                    insert into notification_event (id, patient_id, kind, category, resource_id, title)
                    values (?, ?, 'entry.added', 'observation', ?, 'New entry')""")) {
                insert.setObject(1, event);
                insert.setObject(2, patient);
                insert.setString(3, UUID.randomUUID().toString());
                insert.executeUpdate();
            }
            try (var fanOut = connection.prepareStatement("select notification_fan_out(?, ?)")) {
                fanOut.setObject(1, event);
                fanOut.setArray(2, connection.createArrayOf("uuid", recipients));
                fanOut.execute();
            }
            connection.commit();
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
        return event;
    }
}
