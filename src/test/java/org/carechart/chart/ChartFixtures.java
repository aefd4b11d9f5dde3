package org.carechart.chart;

import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** A patient of its own per test: accounts, care-team and proxy links and entries, all with new random ids. */
public final class ChartFixtures {

    public final UUID patient = UUID.randomUUID();
    public final UUID patientAccount = UUID.randomUUID();
    public final UUID provider = UUID.randomUUID();
    public final UUID staff = UUID.randomUUID();
    public final UUID parent = UUID.randomUUID();

    private ChartFixtures(LocalDate birthDate) {
        Db.update("insert into patient (id, organization_id, mrn, given_name, family_name, birth_date, sex) "
                        + "values (?, ?, ?, 'Test', 'Patient', ?, 'female')",
                patient, DemoAccounts.RIVERSIDE, "T-" + patient, birthDate);
        account(patientAccount, "patient", null, patient);
        account(provider, "provider", DemoAccounts.RIVERSIDE, null);
        account(staff, "staff", DemoAccounts.RIVERSIDE, null);
        account(parent, "patient", null, null);
        Db.update("insert into care_team_member (id, patient_id, provider_id, role, starts_at) values (?, ?, ?, 'pcp', now() - interval '1 day')",
                UUID.randomUUID(), patient, provider);
        Db.update("insert into proxy_link (id, patient_id, proxy_account_id, relationship, starts_at) values (?, ?, ?, 'parent', now() - interval '1 day')",
                UUID.randomUUID(), patient, parent);
    }

    /** An adult patient. */
    public static ChartFixtures adult() {
        return new ChartFixtures(LocalDate.now().minusYears(40));
    }

    /** A 15-year-old: a parent proxy does not see sensitive entries. */
    public static ChartFixtures teen() {
        return new ChartFixtures(LocalDate.now().minusYears(15).minusDays(30));
    }

    private static void account(UUID id, String role, UUID org, UUID patient) {
        Db.update("insert into account (id, username, password_hash, display_name, roles, organization_id, patient_id) "
                        + "values (?, ?, 'x', ?, string_to_array(?, ','), ?, ?)",
                id, "u-" + id, "Test " + role + " " + id.toString().substring(0, 8), role, org, patient);
    }

    public String providerToken() {
        return Tokens.claims(provider, "Dr. Test", "provider").claim("org", DemoAccounts.RIVERSIDE.toString()).sign();
    }

    public String staffToken() {
        return Tokens.staff(staff, DemoAccounts.RIVERSIDE);
    }

    public String patientToken() {
        return Tokens.patient(patientAccount, patient);
    }

    public String parentToken() {
        return Tokens.claims(parent, "Test Parent", "patient").sign();
    }

    /** Inserts an entry directly (current view and version 1), as the demo seeder does. */
    public UUID entry(String category, String system, String code, String display, boolean sensitive, Instant at) {
        UUID id = UUID.randomUUID();
        Timestamp when = Timestamp.from(at.truncatedTo(ChronoUnit.MICROS));
        Db.update("insert into chart_entry (id, patient_id, category, version, status, code_system, code, display, effective_at,"
                        + " recorded_at, sensitive, author_id, updated_at) values (?, ?, ?, 1, 'active', ?, ?, ?, ?, ?, ?, ?, ?)",
                id, patient, category, system, code, display, when, when, sensitive, provider, when);
        Db.update("insert into chart_entry_version (entry_id, version, patient_id, category, status, code_system, code, display,"
                        + " effective_at, recorded_at, sensitive, author_id, written_at) values (?, 1, ?, ?, 'active', ?, ?, ?, ?, ?, ?, ?, ?)",
                id, patient, category, system, code, display, when, when, sensitive, provider, when);
        return id;
    }

    public UUID condition(String display, boolean sensitive, Instant at) {
        return entry("condition", "http://snomed.info/sct", "35489007", display, sensitive, at);
    }

    public long events() {
        return Db.count("select count(*) from notification_event where patient_id = ?", patient);
    }

    public long audits(String action) {
        return Db.count("select count(*) from audit_event where patient_id = ? and action = ? and outcome = 'success'", patient, action);
    }
}
