package org.carechart.patient;

import org.carechart.support.Db;
import org.carechart.support.Tokens;

import java.time.LocalDate;
import java.util.UUID;

/** Fresh organizations, patients, accounts and links with new random ids, so tests never share data. */
final class Fixtures {

    private Fixtures() {
    }

    static UUID organization() {
        UUID id = UUID.randomUUID();
        Db.update("insert into organization (id, name) values (?, ?)", id, "Test Clinic " + id);
        return id;
    }

    static UUID patient(UUID organization, String given, String family, LocalDate birthDate) {
        UUID id = UUID.randomUUID();
        Db.update("""
                insert into patient (id, organization_id, mrn, given_name, family_name, birth_date, sex)
                values (?, ?, ?, ?, ?, ?, 'female')""", id, organization, mrn(id), given, family, birthDate);
        return id;
    }

    static UUID patient(UUID organization) {
        return patient(organization, "Test", "Patient" + UUID.randomUUID().toString().substring(0, 8), LocalDate.of(1980, 5, 17));
    }

    static String mrn(UUID patient) {
        return "T-" + patient.toString().substring(0, 13);
    }

    static UUID account(String role, UUID organization, UUID patient) {
        UUID id = UUID.randomUUID();
        Db.update("""
                insert into account (id, username, password_hash, display_name, roles, organization_id, patient_id)
                values (?, ?, 'not-a-hash', ?, string_to_array(?, ','), ?, ?)""",
                id, role + "-" + id, "Test " + role + " " + id.toString().substring(0, 4), role, organization, patient);
        return id;
    }

    static UUID careTeam(UUID patient, UUID provider, String startsIn, String endsIn) {
        UUID id = UUID.randomUUID();
        Db.update("insert into care_team_member (id, patient_id, provider_id, role, starts_at, ends_at) values (?, ?, ?, "
                + "'attending', now() + cast(? as interval), now() + cast(? as interval))", id, patient, provider, startsIn, endsIn);
        return id;
    }

    static UUID careTeam(UUID patient, UUID provider) {
        UUID id = UUID.randomUUID();
        Db.update("insert into care_team_member (id, patient_id, provider_id, role, starts_at) values (?, ?, ?, 'attending', now())",
                id, patient, provider);
        return id;
    }

    static UUID proxy(UUID patient, UUID account, String relationship) {
        UUID id = UUID.randomUUID();
        Db.update("insert into proxy_link (id, patient_id, proxy_account_id, relationship, starts_at) values (?, ?, ?, ?, now())",
                id, patient, account, relationship);
        return id;
    }

    static UUID grant(UUID patient, String granteeType, UUID grantee, String categories) {
        UUID id = UUID.randomUUID();
        Db.update("""
                insert into access_grant (id, patient_id, grantee_type, grantee_id, categories, purpose, created_by)
                values (?, ?, ?, ?, string_to_array(?, ','), 'treatment', ?)""", id, patient, granteeType, grantee, categories, grantee);
        return id;
    }

    /** A patient with a login of their own. */
    record PatientLogin(UUID patient, UUID account, String token) {
    }

    static PatientLogin patientLogin(UUID organization) {
        UUID patient = patient(organization);
        UUID account = account("patient", null, patient);
        return new PatientLogin(patient, account, Tokens.patient(account, patient));
    }

    static String personalToken(UUID account) {
        return Tokens.claims(account, "Test Person", "patient").sign();
    }
}
