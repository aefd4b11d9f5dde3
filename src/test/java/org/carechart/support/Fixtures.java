package org.carechart.support;

import java.time.LocalDate;
import java.util.UUID;

/**
 * Fresh organizations, patients, accounts, links and chart rows with new random ids, so tests never
 * share data. Shared by the patient tests and the cross-feature checks.
 */
public final class Fixtures {

    private Fixtures() {
    }

    public static UUID organization() {
        UUID id = UUID.randomUUID();
        Db.update("insert into organization (id, name) values (?, ?)", id, "Test Clinic " + id);
        return id;
    }

    public static UUID patient(UUID organization, String given, String family, LocalDate birthDate) {
        UUID id = UUID.randomUUID();
        Db.update("""
                insert into patient (id, organization_id, mrn, given_name, family_name, birth_date, sex)
                values (?, ?, ?, ?, ?, ?, 'female')""", id, organization, mrn(id), given, family, birthDate);
        return id;
    }

    public static UUID patient(UUID organization) {
        return patient(organization, "Test", "Patient" + UUID.randomUUID().toString().substring(0, 8), LocalDate.of(1980, 5, 17));
    }

    public static String mrn(UUID patient) {
        return "T-" + patient.toString().substring(0, 13);
    }

    public static UUID account(String role, UUID organization, UUID patient) {
        UUID id = UUID.randomUUID();
        Db.update("""
                insert into account (id, username, password_hash, display_name, roles, organization_id, patient_id)
                values (?, ?, 'not-a-hash', ?, string_to_array(?, ','), ?, ?)""",
                id, role + "-" + id, "Test " + role + " " + id.toString().substring(0, 4), role, organization, patient);
        return id;
    }

    public static UUID careTeam(UUID patient, UUID provider, String startsIn, String endsIn) {
        UUID id = UUID.randomUUID();
        Db.update("insert into care_team_member (id, patient_id, provider_id, role, starts_at, ends_at) values (?, ?, ?, "
                + "'attending', now() + cast(? as interval), now() + cast(? as interval))", id, patient, provider, startsIn, endsIn);
        return id;
    }

    public static UUID careTeam(UUID patient, UUID provider) {
        UUID id = UUID.randomUUID();
        Db.update("insert into care_team_member (id, patient_id, provider_id, role, starts_at) values (?, ?, ?, 'attending', now())",
                id, patient, provider);
        return id;
    }

    public static UUID proxy(UUID patient, UUID account, String relationship) {
        UUID id = UUID.randomUUID();
        Db.update("insert into proxy_link (id, patient_id, proxy_account_id, relationship, starts_at) values (?, ?, ?, ?, now())",
                id, patient, account, relationship);
        return id;
    }

    public static UUID grant(UUID patient, String granteeType, UUID grantee, String categories) {
        UUID id = UUID.randomUUID();
        Db.update("""
                insert into access_grant (id, patient_id, grantee_type, grantee_id, categories, purpose, created_by)
                values (?, ?, ?, ?, string_to_array(?, ','), 'treatment', ?)""", id, patient, granteeType, grantee, categories, grantee);
        return id;
    }


    /** A chart entry written directly (current view and version 1), as the demo seeder does. */
    public static UUID entry(UUID patient, String category, boolean sensitive, UUID author) {
        UUID id = UUID.randomUUID();
        java.sql.Timestamp when = java.sql.Timestamp.from(java.time.Instant.now().minusSeconds(3600)
                .truncatedTo(java.time.temporal.ChronoUnit.MICROS));
        String display = "Test " + category + " " + id.toString().substring(0, 8);
        Db.update("insert into chart_entry (id, patient_id, category, version, status, code_system, code, display, effective_at,"
                        + " recorded_at, sensitive, author_id, updated_at) values (?, ?, ?, 1, 'active', 'http://snomed.info/sct',"
                        + " '38341003', ?, ?, ?, ?, ?, ?)",
                id, patient, category, display, when, when, sensitive, author, when);
        Db.update("insert into chart_entry_version (entry_id, version, patient_id, category, status, code_system, code, display,"
                        + " effective_at, recorded_at, sensitive, author_id, written_at) values (?, 1, ?, ?, 'active',"
                        + " 'http://snomed.info/sct', '38341003', ?, ?, ?, ?, ?, ?)",
                id, patient, category, display, when, when, sensitive, author, when);
        return id;
    }

    /** An amendment request on an entry, in status {@code requested} or {@code denied}. */
    public static UUID amendment(UUID patient, UUID entry, UUID requestedBy, String status) {
        UUID id = UUID.randomUUID();
        Db.update("insert into amendment_request (id, patient_id, entry_id, requested_by, requested_by_name, requested_at, due_at,"
                        + " reason, status, decided_at, decision_reason) values (?, ?, ?, ?, 'Test Patient', now(), now() + interval '60 days',"
                        + " 'The entry is wrong', ?, case when ? = 'denied' then now() end, case when ? = 'denied' then 'It is right' end)",
                id, patient, entry, requestedBy, status, status, status);
        return id;
    }

    /** A minor of the given age (in years, plus a month so a birthday is never today). */
    public static UUID patientAged(UUID organization, int years) {
        return patient(organization, "Teen", "Patient" + UUID.randomUUID().toString().substring(0, 8),
                LocalDate.now().minusYears(years).minusDays(30));
    }

    /** A patient with a login of their own. */
    public record PatientLogin(UUID patient, UUID account, String token) {
    }

    public static PatientLogin patientLogin(UUID organization) {
        UUID patient = patient(organization);
        UUID account = account("patient", null, patient);
        return new PatientLogin(patient, account, Tokens.patient(account, patient));
    }

    public static String personalToken(UUID account) {
        return Tokens.claims(account, "Test Person", "patient").sign();
    }
}
