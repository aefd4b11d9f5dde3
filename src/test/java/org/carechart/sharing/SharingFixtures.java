package org.carechart.sharing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.vertx.VertxContextSupport;
import io.smallrye.mutiny.Uni;
import org.carechart.access.AccessDecision;
import org.carechart.access.AccessPolicy;
import org.carechart.access.Action;
import org.carechart.access.DataCategory;
import org.carechart.embedded.DemoAccounts;
import org.carechart.identity.Caller;
import org.carechart.identity.Role;
import org.carechart.support.Db;
import org.carechart.support.Tokens;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Set;
import java.util.UUID;
import java.util.function.Supplier;

/** Fresh patients, providers, apps and organizations for one test, with random ids. */
final class SharingFixtures {

    private SharingFixtures() {
    }

    record PatientFixture(UUID patientId, UUID accountId, String token) {
    }

    record AccountFixture(UUID accountId, UUID organizationId, Caller caller, String token) {
    }

    static PatientFixture patient() {
        UUID patient = UUID.randomUUID();
        UUID account = UUID.randomUUID();
        Db.update("insert into patient (id, organization_id, mrn, given_name, family_name, birth_date, sex) "
                        + "values (?, ?, ?, 'Nora', 'Fixture', ?, 'female')",
                patient, DemoAccounts.RIVERSIDE, "T-" + patient, LocalDate.of(1980, 5, 17));
        Db.update("insert into account (id, username, password_hash, display_name, roles, patient_id) "
                + "values (?, ?, 'not-a-hash', 'Nora Fixture', '{patient}', ?)", account, "nora-" + account, patient);
        return new PatientFixture(patient, account, Tokens.patient(account, patient));
    }

    /** A teenager (14) with a parent who is their proxy; answers the parent's account and token. */
    static PatientFixture parentOfTeenager() {
        PatientFixture teen = patient();
        Db.update("update patient set birth_date = ? where id = ?", LocalDate.now().minusYears(14), teen.patientId());
        UUID parent = UUID.randomUUID();
        Db.update("insert into account (id, username, password_hash, display_name, roles) "
                + "values (?, ?, 'not-a-hash', 'Parent Fixture', '{patient}')", parent, "parent-" + parent);
        Db.update("insert into proxy_link (id, patient_id, proxy_account_id, relationship, starts_at) "
                + "values (?, ?, ?, 'parent', now() - interval '1 day')", UUID.randomUUID(), teen.patientId(), parent);
        return new PatientFixture(teen.patientId(), parent, Tokens.claims(parent, "Parent Fixture", "patient").sign());
    }

    static UUID organization() {
        UUID organization = UUID.randomUUID();
        Db.update("insert into organization (id, name) values (?, ?)", organization, "Org " + organization.toString().substring(0, 8));
        return organization;
    }

    static AccountFixture provider(UUID organization) {
        return account("provider", organization);
    }

    static AccountFixture app(UUID organization) {
        return account("app", organization);
    }

    private static AccountFixture account(String role, UUID organization) {
        UUID account = UUID.randomUUID();
        String name = "Test " + role + " " + account.toString().substring(0, 8);
        Db.update("insert into account (id, username, password_hash, display_name, roles, organization_id) "
                + "values (?, ?, 'not-a-hash', ?, array[?]::text[], ?)", account, role + "-" + account, name, role, organization);
        Role r = Role.fromClaim(role).orElseThrow();
        Caller caller = new Caller(account, name, Set.of(r), null, organization, Set.of(), null);
        String token = r == Role.APP ? Tokens.app(account, organization) : Tokens.provider(account, organization);
        return new AccountFixture(account, organization, caller, token);
    }

    /** A chart entry of the patient, for links to chosen entries. */
    static UUID chartEntry(UUID patient) {
        UUID entry = UUID.randomUUID();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        Db.update("insert into chart_entry (id, patient_id, category, version, status, code_system, code, display, "
                        + "effective_at, recorded_at, author_id, updated_at) "
                        + "values (?, ?, 'condition', 1, 'active', 'http://snomed.info/sct', '38341003', 'Hypertension', ?, ?, ?, ?)",
                entry, patient, now, now, DemoAccounts.DR_LEE, now);
        return entry;
    }

    static AccessDecision decide(AccessPolicy policy, Caller caller, UUID patient, DataCategory category) {
        return onContext(() -> Panache.withSession(() -> policy.decide(caller, Action.READ, patient, category)));
    }

    static <T> T onContext(Supplier<Uni<T>> work) {
        try {
            return VertxContextSupport.subscribeAndAwait(work);
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    static String inDays(int days) {
        return Instant.now().plusSeconds(days * 86_400L).toString();
    }
}
