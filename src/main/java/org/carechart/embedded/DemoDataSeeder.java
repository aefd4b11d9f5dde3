package org.carechart.embedded;

import io.agroal.api.AgroalDataSource;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.carechart.embedded.DemoCatalog.Concept;
import org.carechart.embedded.DemoCatalog.Measure;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Seeds, once, a realistic and deterministic data set: organizations, the demo logins of
 * README.md, and patients with rich charts. Rows go in through COPY, so the same generator makes
 * the 50,000-patient sets the benchmarks use.
 */
@ApplicationScoped
public class DemoDataSeeder {

    private static final Logger LOG = Logger.getLogger(DemoDataSeeder.class);
    private static final int PATIENTS_PER_BATCH = 500;
    private static final String ENTRY_COLUMNS = "id, patient_id, category, version, status, code_system, code, display, "
            + "effective_at, recorded_at, value_quantity, value_unit, value_text, reference_low, reference_high, "
            + "interpretation, body, document_id, sensitive, author_id";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DemoConfig config;

    void onStart(@Observes StartupEvent event) {
        if (config.seed()) {
            seedOnce();
        }
    }

    public void seedOnce() {
        try (Connection connection = dataSource.getConnection()) {
            if (alreadySeeded(connection)) {
                LOG.info("Demo data already present; not seeding again");
                return;
            }
            long started = System.nanoTime();
            connection.setAutoCommit(false);
            String passwordHash = BcryptUtil.bcryptHash(DemoAccounts.PASSWORD);
            insertOrganizationsAndAccounts(connection, passwordHash);
            new ChartWriter(connection.unwrap(PGConnection.class).getCopyAPI(), new Random(config.randomSeed()),
                    config.anchor()).write(config.patients());
            insertRelationships(connection);
            insertAuditHistory(connection);
            connection.commit();
            LOG.infof("Seeded demo data: %d patients in %d ms", config.patients(),
                    Duration.ofNanos(System.nanoTime() - started).toMillis());
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not seed the demo data", e);
        }
    }

    private static boolean alreadySeeded(Connection connection) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement("select 1 from organization where id = ?")) {
            query.setObject(1, DemoAccounts.RIVERSIDE);
            return query.executeQuery().next();
        }
    }

    private static void insertOrganizationsAndAccounts(Connection connection, String passwordHash) throws SQLException {
        try (PreparedStatement org = connection.prepareStatement("insert into organization (id, name) values (?, ?)")) {
            add(org, DemoAccounts.RIVERSIDE, "Riverside Community Health");
            add(org, DemoAccounts.LAKEVIEW, "Lakeview Clinic");
            add(org, DemoAccounts.ACME_HEALTH_PLAN, "Acme Health Plan");
            org.executeBatch();
        }
        try (PreparedStatement account = connection.prepareStatement(
                "insert into account (id, username, password_hash, display_name, roles, organization_id) "
                        + "values (?, ?, ?, ?, string_to_array(?, ','), ?)")) {
            addAccount(account, DemoAccounts.ALICE_ACCOUNT, "alice", passwordHash, "Alice Morgan", "patient", null);
            addAccount(account, DemoAccounts.CAROL_ACCOUNT, "carol", passwordHash, "Carol Carter", "patient", null);
            addAccount(account, DemoAccounts.DR_LEE, "dr.lee", passwordHash, "Dr. Hannah Lee", "provider", DemoAccounts.RIVERSIDE);
            addAccount(account, DemoAccounts.DR_PATEL, "dr.patel", passwordHash, "Dr. Arjun Patel", "provider", DemoAccounts.RIVERSIDE);
            addAccount(account, DemoAccounts.DR_SHAW, "dr.shaw", passwordHash, "Dr. Miriam Shaw", "provider", DemoAccounts.LAKEVIEW);
            addAccount(account, DemoAccounts.SAM_RECORDS, "sam.records", passwordHash, "Sam Rivera (Health Information)", "staff", DemoAccounts.RIVERSIDE);
            addAccount(account, DemoAccounts.LENA_RECORDS, "lena.records", passwordHash, "Lena Fischer (Health Information)", "staff", DemoAccounts.LAKEVIEW);
            addAccount(account, DemoAccounts.ADMIN, "admin", passwordHash, "Portal Administrator", "admin", null);
            // Apps have no password: they connect through /oauth2 (registered below as OAuth clients).
            addAccount(account, DemoAccounts.PAYER_APP, "app:acme-payer-app", "!no-password", "Acme Health Plan app", "app", DemoAccounts.ACME_HEALTH_PLAN);
            addAccount(account, DemoAccounts.PATIENT_APP, "app:carechart-demo-patient-app", "!no-password", "My Health Diary", "app", DemoAccounts.LAKEVIEW);
            account.executeBatch();
        }
        registerDemoApps(connection);
    }

    /**
     * The demo's registered apps (README.md): Acme's payer app, a confidential client (private_key_jwt
     * with keys at Acme's JWKS URL) that patients approve and that also reads as a Backend Services
     * client; and a public patient app (PKCE only) for a developer's laptop.
     */
    private static void registerDemoApps(Connection connection) throws SQLException {
        try (PreparedStatement app = connection.prepareStatement("""
                insert into oauth_client (client_id, account_id, name, client_type, redirect_uris, scopes, purpose, jwks_url)
                values (?, ?, ?, ?, string_to_array(?, ' '), string_to_array(?, ' '), ?, ?)""")) {
            app.setString(1, "acme-payer-app");
            app.setObject(2, DemoAccounts.PAYER_APP);
            app.setString(3, "Acme Health Plan app");
            app.setString(4, "confidential");
            app.setString(5, "https://apps.acme-health.example/carechart/callback");
            app.setString(6, "launch/patient openid fhirUser offline_access patient/*.rs patient/*.read system/*.rs");
            app.setString(7, "payment");
            app.setString(8, "https://apps.acme-health.example/.well-known/jwks.json");
            app.addBatch();
            app.setString(1, "carechart-demo-patient-app");
            app.setObject(2, DemoAccounts.PATIENT_APP);
            app.setString(3, "My Health Diary");
            app.setString(4, "public");
            app.setString(5, "http://localhost:3000/callback http://127.0.0.1:3000/callback");
            app.setString(6, "launch/patient openid fhirUser offline_access patient/*.rs patient/*.read");
            app.setString(7, "personal-use");
            app.setString(8, null);
            app.addBatch();
            app.executeBatch();
        }
    }

    /** Logins, proxies, care teams and one grant: the named cast of README.md. */
    private void insertRelationships(Connection connection) throws SQLException {
        try (PreparedStatement link = connection.prepareStatement("update account set patient_id = ? where id = ?")) {
            link.setObject(1, DemoAccounts.ALICE_PATIENT);
            link.setObject(2, DemoAccounts.ALICE_ACCOUNT);
            link.executeUpdate();
        }
        Instant since = config.anchor().minus(365 * 3, ChronoUnit.DAYS);
        try (PreparedStatement proxy = connection.prepareStatement(
                "insert into proxy_link (id, patient_id, proxy_account_id, relationship, starts_at) values (?, ?, ?, 'parent', ?)")) {
            proxy.setObject(1, UUID.nameUUIDFromBytes("proxy:carol:ben".getBytes()));
            proxy.setObject(2, DemoAccounts.BEN_PATIENT);
            proxy.setObject(3, DemoAccounts.CAROL_ACCOUNT);
            proxy.setObject(4, java.sql.Timestamp.from(since));
            proxy.executeUpdate();
        }
        // Dr. Lee cares for Riverside's odd rows by MRN (Alice first), Dr. Patel for the even ones (Ben
        // first), and Dr. Lee for Ben as well (README); Dr. Shaw for none.
        try (PreparedStatement careTeam = connection.prepareStatement("""
                insert into care_team_member (id, patient_id, provider_id, role, starts_at)
                select md5('care:' || p.id)::uuid, p.id,
                       case when (row_number() over (order by p.mrn)) % 2 = 1 then ?::uuid else ?::uuid end,
                       'primary care physician', ?
                  from patient p where p.organization_id = ?
                """)) {
            careTeam.setObject(1, DemoAccounts.DR_LEE);
            careTeam.setObject(2, DemoAccounts.DR_PATEL);
            careTeam.setObject(3, java.sql.Timestamp.from(since));
            careTeam.setObject(4, DemoAccounts.RIVERSIDE);
            careTeam.executeUpdate();
        }
        try (PreparedStatement leeForBen = connection.prepareStatement(
                "insert into care_team_member (id, patient_id, provider_id, role, starts_at) values (?, ?, ?, 'consulting physician', ?)")) {
            leeForBen.setObject(1, UUID.nameUUIDFromBytes("care:lee:ben".getBytes()));
            leeForBen.setObject(2, DemoAccounts.BEN_PATIENT);
            leeForBen.setObject(3, DemoAccounts.DR_LEE);
            leeForBen.setObject(4, java.sql.Timestamp.from(since));
            leeForBen.executeUpdate();
        }
        try (PreparedStatement grant = connection.prepareStatement("""
                insert into access_grant (id, patient_id, grantee_type, grantee_id, categories, purpose, expires_at, created_by)
                values (?, ?, 'app', ?, array['condition', 'medication', 'allergy'], 'payment', ?, ?)
                """)) {
            grant.setObject(1, UUID.nameUUIDFromBytes("grant:alice:acme".getBytes()));
            grant.setObject(2, DemoAccounts.ALICE_PATIENT);
            grant.setObject(3, DemoAccounts.PAYER_APP);
            grant.setObject(4, java.sql.Timestamp.from(config.anchor().plus(365, ChronoUnit.DAYS)));
            grant.setObject(5, DemoAccounts.ALICE_ACCOUNT);
            grant.executeUpdate();
        }
    }

    /**
     * A few weeks of past audit events for Alice and Ben, so their access logs read naturally. They
     * go in through the normal table: the trigger chains and hashes them like any other event.
     */
    private void insertAuditHistory(Connection connection) throws SQLException {
        record Actor(UUID id, String name, String roles, UUID organization, String address, String agent) {
        }
        Actor lee = new Actor(DemoAccounts.DR_LEE, "Dr. Hannah Lee", "provider", DemoAccounts.RIVERSIDE, "10.20.0.14",
                "Mozilla/5.0 (Riverside clinician portal)");
        Actor patel = new Actor(DemoAccounts.DR_PATEL, "Dr. Arjun Patel", "provider", DemoAccounts.RIVERSIDE, "10.20.0.22",
                "Mozilla/5.0 (Riverside clinician portal)");
        Actor sam = new Actor(DemoAccounts.SAM_RECORDS, "Sam Rivera (Health Information)", "staff", DemoAccounts.RIVERSIDE,
                "10.20.0.31", "Mozilla/5.0 (Riverside records portal)");
        Actor payer = new Actor(DemoAccounts.PAYER_APP, "Acme Health Plan app", "app", DemoAccounts.ACME_HEALTH_PLAN,
                "203.0.113.40", "AcmeClaims/3.2");
        Actor alice = new Actor(DemoAccounts.ALICE_ACCOUNT, "Alice Morgan", "patient", null, "198.51.100.7", "Carechart iOS/2.4");
        Actor carol = new Actor(DemoAccounts.CAROL_ACCOUNT, "Carol Carter", "patient", null, "198.51.100.23", "Carechart Android/2.4");
        UUID a = DemoAccounts.ALICE_PATIENT;
        UUID b = DemoAccounts.BEN_PATIENT;
        record Event(int daysAgo, int minute, Actor actor, UUID patient, String action, String resource, String basis,
                     String purpose) {
        }
        List<Event> events = List.of(
                new Event(42, 545, lee, a, "read", "chart", "care-team", "treatment"),
                new Event(42, 547, lee, a, "read", "observation", "care-team", "treatment"),
                new Event(42, 552, lee, a, "read", "medication", "care-team", "treatment"),
                new Event(42, 561, lee, a, "update", "medication", "care-team", "treatment"),
                new Event(41, 1210, alice, a, "read", "chart", "self", "personal use"),
                new Event(41, 1212, alice, a, "read", "medication", "self", "personal use"),
                new Event(38, 600, payer, a, "read", "medication", "grant", "payment"),
                new Event(38, 600, payer, a, "read", "condition", "grant", "payment"),
                new Event(38, 601, payer, a, "read", "allergy", "grant", "payment"),
                new Event(35, 670, patel, b, "read", "chart", "care-team", "treatment"),
                new Event(35, 676, patel, b, "read", "immunization", "care-team", "treatment"),
                new Event(35, 690, patel, b, "create", "immunization", "care-team", "treatment"),
                new Event(34, 1150, carol, b, "read", "chart", "proxy", "personal use"),
                new Event(34, 1153, carol, b, "read", "immunization", "proxy", "personal use"),
                new Event(30, 820, sam, a, "read", "chart-entry", "staff", "operations"),
                new Event(30, 826, sam, a, "update", "chart-entry", "staff", "operations"),
                new Event(28, 545, lee, a, "read", "observation", "care-team", "treatment"),
                new Event(28, 548, lee, a, "read", "note", "care-team", "treatment"),
                new Event(27, 1300, alice, a, "read", "observation", "self", "personal use"),
                new Event(21, 900, sam, b, "read", "immunization", "staff", "operations"),
                new Event(20, 1140, carol, b, "read", "observation", "proxy", "personal use"),
                new Event(14, 540, lee, a, "read", "chart", "care-team", "treatment"),
                new Event(14, 556, lee, a, "read", "observation", "care-team", "treatment"),
                new Event(8, 600, payer, a, "read", "medication", "grant", "payment"),
                new Event(8, 600, payer, a, "read", "condition", "grant", "payment"),
                new Event(6, 760, patel, b, "read", "observation", "care-team", "treatment"),
                new Event(6, 770, patel, b, "update", "medication", "care-team", "treatment"),
                new Event(5, 1220, carol, b, "read", "medication", "proxy", "personal use"),
                new Event(3, 1190, alice, a, "read", "chart", "self", "personal use"),
                new Event(2, 610, lee, a, "read", "medication", "care-team", "treatment"));
        try (PreparedStatement insert = connection.prepareStatement("""
                insert into audit_event (id, chain_key, chain_seq, occurred_at, actor_id, actor_name, actor_roles,
                                         organization_id, acting_for, patient_id, action, resource_type, basis, purpose,
                                         outcome, client_address, user_agent, prev_hash, hash)
                values (?, '', 0, ?, ?, ?, string_to_array(?, ','), ?, ?, ?, ?, ?, ?, ?, 'success', ?, ?, '\\x', '\\x')
                """)) {
            int n = 0;
            for (Event e : events) {
                Instant at = config.anchor().minus(e.daysAgo(), ChronoUnit.DAYS).plus(e.minute(), ChronoUnit.MINUTES);
                insert.setObject(1, UUID.nameUUIDFromBytes(("audit:demo:" + n++).getBytes()));
                insert.setObject(2, java.sql.Timestamp.from(at));
                insert.setObject(3, e.actor().id());
                insert.setString(4, e.actor().name());
                insert.setString(5, e.actor().roles());
                insert.setObject(6, e.actor().organization());
                insert.setObject(7, "proxy".equals(e.basis()) ? e.patient() : null);
                insert.setObject(8, e.patient());
                insert.setString(9, e.action());
                insert.setString(10, e.resource());
                insert.setString(11, e.basis());
                insert.setString(12, e.purpose());
                insert.setString(13, e.actor().address());
                insert.setString(14, e.actor().agent());
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void add(PreparedStatement statement, UUID id, String name) throws SQLException {
        statement.setObject(1, id);
        statement.setString(2, name);
        statement.addBatch();
    }

    private static void addAccount(PreparedStatement statement, UUID id, String username, String hash, String name,
                                   String roles, UUID organization) throws SQLException {
        statement.setObject(1, id);
        statement.setString(2, username);
        statement.setString(3, hash);
        statement.setString(4, name);
        statement.setString(5, roles);
        statement.setObject(6, organization);
        statement.addBatch();
    }

    /** Generates patients and their charts and streams them to PostgreSQL with COPY. */
    static final class ChartWriter {

        private final CopyManager copy;
        private final Random random;
        private final Instant anchor;
        private final StringBuilder patients = new StringBuilder();
        private final StringBuilder entries = new StringBuilder();
        private final StringBuilder versions = new StringBuilder();
        private final StringBuilder coverages = new StringBuilder();

        ChartWriter(CopyManager copy, Random random, Instant anchor) {
            this.copy = copy;
            this.random = random;
            this.anchor = anchor;
        }

        void write(int count) throws SQLException, IOException {
            for (int i = 0; i < count; i++) {
                patient(i);
                if ((i + 1) % PATIENTS_PER_BATCH == 0) {
                    flush();
                }
            }
            flush();
        }

        private void flush() throws SQLException, IOException {
            copy.copyIn("copy patient (id, organization_id, mrn, given_name, family_name, birth_date, sex, phone, email, "
                    + "address_line, city, postal_code) from stdin", new StringReader(patients.toString()));
            copy.copyIn("copy coverage (id, patient_id, payer_organization_id, status, type_code, type_display, member_id, "
                    + "subscriber_id, relationship, plan_value, plan_name, group_value, group_name, starts_on, ends_on, updated_at) "
                    + "from stdin", new StringReader(coverages.toString()));
            copy.copyIn("copy chart_entry (" + ENTRY_COLUMNS + ", updated_at) from stdin", new StringReader(entries.toString()));
            copy.copyIn("copy chart_entry_version (entry_id" + ENTRY_COLUMNS.substring("id".length()) + ", reason, written_at) from stdin",
                    new StringReader(versions.toString()));
            patients.setLength(0);
            entries.setLength(0);
            versions.setLength(0);
            coverages.setLength(0);
        }

        private void patient(int index) {
            UUID id = switch (index) {
                case 0 -> DemoAccounts.ALICE_PATIENT;
                case 1 -> DemoAccounts.BEN_PATIENT;
                default -> uuid();
            };
            String given = switch (index) {
                case 0 -> "Alice";
                case 1 -> "Ben";
                default -> pick(DemoCatalog.GIVEN_NAMES);
            };
            String family = switch (index) {
                case 0 -> "Morgan";
                case 1 -> "Carter";
                default -> pick(DemoCatalog.FAMILY_NAMES);
            };
            LocalDate anchorDay = LocalDate.ofInstant(anchor, ZoneOffset.UTC);
            LocalDate birth = switch (index) {
                case 0 -> anchorDay.minusYears(42).minusDays(37);
                case 1 -> anchorDay.minusYears(15).minusDays(120);
                default -> anchorDay.minusDays(365L * 2 + random.nextInt(365 * 85));
            };
            UUID organization = index % 5 == 4 ? DemoAccounts.LAKEVIEW : DemoAccounts.RIVERSIDE;
            String sex = index == 0 ? "female" : index == 1 ? "male" : random.nextBoolean() ? "female" : "male";
            row(patients, id, organization, String.format("MRN-%07d", 1000 + index), given, family, birth, sex,
                    String.format("+1-555-%04d", random.nextInt(10000)),
                    (given + "." + family + index + "@example.org").toLowerCase(),
                    (100 + random.nextInt(900)) + " " + pick(List.of("Maple", "Oak", "River", "Hill", "Lake")) + " Street",
                    pick(List.of("Springfield", "Riverton", "Lakeside", "Fairview")),
                    String.format("%05d", random.nextInt(100000)));
            UUID author = organization.equals(DemoAccounts.LAKEVIEW) ? DemoAccounts.DR_SHAW
                    : index % 2 == 0 ? DemoAccounts.DR_LEE : DemoAccounts.DR_PATEL;
            chart(id, author, birth, sex);
            coverage(index, id);
            if (index == 1) {
                // Ben, 15, always has a sensitive entry: his doctors see it, his mother Carol does not (README).
                // A fixed id, so the random stream (and every other patient's chart) stays as it was.
                entry(DemoAccounts.BEN_ANXIETY_ENTRY, id, author, "condition", "active", DemoCatalog.ANXIETY,
                        anchor.minus(200, ChronoUnit.DAYS), null, null);
            }
        }

        private void chart(UUID patient, UUID author, LocalDate birth, String sex) {
            int encounters = 6 + random.nextInt(5);
            boolean minor = birth.isAfter(LocalDate.ofInstant(anchor, ZoneOffset.UTC).minusYears(18));
            for (int e = 0; e < encounters; e++) {
                Instant at = anchor.minus(random.nextInt(3 * 365), ChronoUnit.DAYS).minus(random.nextInt(600), ChronoUnit.MINUTES);
                entry(patient, author, "encounter", "finished", pick(DemoCatalog.ENCOUNTERS), at, null, null);
                entry(patient, author, "note", "current", pick(DemoCatalog.NOTES), at.plus(40, ChronoUnit.MINUTES), null,
                        pick(DemoCatalog.NOTE_TEXT));
                double weight = 0;
                for (Measure vital : DemoCatalog.VITALS) {
                    double value = measurement(patient, author, vital, at.plus(5, ChronoUnit.MINUTES));
                    if (vital.code().equals(DemoCatalog.BODY_WEIGHT)) {
                        weight = value;
                    }
                }
                if (e == 0) {
                    bodyAndSmoking(patient, author, birth, sex, at, weight);
                }
                if (e == 0) {
                    // Ids and choice from the patient id, not the random stream: every other entry stays as it was.
                    Concept procedure = DemoCatalog.PROCEDURES.get(Math.floorMod(patient.hashCode(), DemoCatalog.PROCEDURES.size()));
                    entry(UUID.nameUUIDFromBytes(("procedure:" + patient).getBytes(java.nio.charset.StandardCharsets.UTF_8)),
                            patient, author, "procedure", "completed", procedure, at.plus(20, ChronoUnit.MINUTES), null, null);
                }
                if (e % 2 == 0) {
                    for (Measure lab : DemoCatalog.LABS) {
                        measurement(patient, author, lab, at.plus(2, ChronoUnit.HOURS));
                    }
                }
            }
            for (Concept condition : distinct(DemoCatalog.CONDITIONS, 2 + random.nextInt(3))) {
                entry(patient, author, "condition", random.nextInt(4) == 0 ? "resolved" : "active", condition, past(), null, null);
            }
            List<Concept> medications = distinct(DemoCatalog.MEDICATIONS, 2 + random.nextInt(3));
            for (int m = 0; m < medications.size(); m++) {
                UUID entry = entry(patient, author, "medication", "active", medications.get(m), past(), null,
                        "Take one tablet by mouth daily");
                if (m == 0) {
                    correctedDose(patient, author, entry, medications.get(m));
                }
            }
            for (Concept allergy : distinct(DemoCatalog.ALLERGIES, random.nextInt(3))) {
                entry(patient, author, "allergy", "active", allergy, past(), null, null);
            }
            for (Concept vaccine : distinct(DemoCatalog.IMMUNIZATIONS, 3 + random.nextInt(3))) {
                if (!vaccine.code().equals("62") || minor) {
                    entry(patient, author, "immunization", "completed", vaccine, past(), null, null);
                }
            }
        }

        /**
         * Height and BMI (from that visit's weight) at an adult's first visit, and everyone's smoking
         * status, recorded before their first visit. Ids and values come from the patient id, not the
         * random stream, so every other entry stays as it was. Children get no BMI: the demo weights
         * are adults' weights, so a BMI from them would be made up.
         */
        private void bodyAndSmoking(UUID patient, UUID author, LocalDate birth, String sex, Instant at, double weight) {
            Random own = new Random(patient.getMostSignificantBits() ^ patient.getLeastSignificantBits());
            boolean adult = !birth.isAfter(LocalDate.ofInstant(at, ZoneOffset.UTC).minusYears(18));
            if (adult) {
                double height = round(("female".equals(sex) ? 163 : 177) + own.nextGaussian() * 7, 1);
                double bmi = round(weight / Math.pow(height / 100, 2), 1);
                Instant measured = at.plus(5, ChronoUnit.MINUTES);
                derived(patient, "height", author, DemoCatalog.HEIGHT, height, measured);
                derived(patient, "bmi", author, DemoCatalog.BMI, bmi, measured);
            }
            String status = adult ? DemoCatalog.SMOKING_STATUSES.get(weighted(own)) : DemoCatalog.SMOKING_STATUSES.get(0);
            Instant asked = anchor.minus(3 * 365 + 7, ChronoUnit.DAYS);
            Object[] common = {id("smoking", patient), patient, "observation", 1, "final", DemoCatalog.LOINC,
                    DemoCatalog.SMOKING_STATUS.code(), DemoCatalog.SMOKING_STATUS.display(), asked, asked.plus(1, ChronoUnit.HOURS),
                    null, null, status, null, null, null, null, null, false, author};
            row(entries, append(common, asked.plus(1, ChronoUnit.HOURS)));
            row(versions, append(append(common, null), asked.plus(1, ChronoUnit.HOURS)));
        }

        /**
         * Three patients in four (Alice and Ben among them) are insured with Acme Health Plan, the demo's
         * payer: a PPO plan through an employer group, this year and the two before. Ben, 15, is covered
         * as his mother's child. Everything comes from the patient id, not the random stream.
         */
        private void coverage(int index, UUID patient) {
            if (index % 4 == 3) {
                return;
            }
            String member = String.format("ACM%09d", Math.floorMod(patient.hashCode(), 1_000_000_000));
            boolean child = index == 1;
            LocalDate today = LocalDate.ofInstant(anchor, ZoneOffset.UTC);
            row(coverages, id("coverage", patient), patient, DemoAccounts.ACME_HEALTH_PLAN, "active", "512",
                    "Commercial Managed Care - PPO", child ? member + "-02" : member + "-01", member + "-01",
                    child ? "child" : "self", "ACME-PPO-GOLD", "Acme Gold PPO",
                    "GRP-" + (1000 + Math.floorMod(patient.hashCode(), 40)), "Employer group",
                    LocalDate.of(today.getYear() - 2, 1, 1), LocalDate.of(today.getYear(), 12, 31), anchor);
        }

        /** Never 60 %, ex-smoker 25 %, daily 10 %, occasional 5 % (the order of SMOKING_STATUSES). */
        private static int weighted(Random own) {
            int n = own.nextInt(100);
            return n < 60 ? 0 : n < 85 ? 1 : n < 95 ? 2 : 3;
        }

        private void derived(UUID patient, String kind, UUID author, Measure measure, double value, Instant at) {
            Object[] common = {id(kind, patient), patient, "observation", 1, "final", DemoCatalog.LOINC, measure.code(),
                    measure.display(), at, at.plus(1, ChronoUnit.HOURS), value, measure.unit(), null, null, null, null, null,
                    null, false, author};
            row(entries, append(common, at.plus(1, ChronoUnit.HOURS)));
            row(versions, append(append(common, null), at.plus(1, ChronoUnit.HOURS)));
        }

        private static UUID id(String kind, UUID patient) {
            return UUID.nameUUIDFromBytes((kind + ":" + patient).getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }

        private Instant past() {
            return anchor.minus(30 + random.nextInt(3 * 365), ChronoUnit.DAYS);
        }

        private double measurement(UUID patient, UUID author, Measure measure, Instant at) {
            double value = round(measure.mean() + random.nextGaussian() * measure.spread(), measure.decimals());
            String interpretation = interpretation(measure, value);
            UUID id = uuid();
            String status = "final";
            Object low = measure.low() == 0 && measure.high() == 0 ? null : measure.low();
            Object high = measure.low() == 0 && measure.high() == 0 ? null : measure.high();
            Concept concept = new Concept(DemoCatalog.LOINC, measure.code(), measure.display());
            Object[] common = {id, patient, "observation", 1, status, concept.system(), concept.code(), concept.display(),
                    at, at.plus(1, ChronoUnit.HOURS), value, measure.unit(), null, low, high, interpretation, null, null,
                    false, author};
            row(entries, append(common, at.plus(1, ChronoUnit.HOURS)));
            row(versions, append(append(common, null), at.plus(1, ChronoUnit.HOURS)));
            return value;
        }

        private UUID entry(UUID patient, UUID author, String category, String status, Concept concept, Instant at,
                           Object value, String body) {
            return entry(uuid(), patient, author, category, status, concept, at, value, body);
        }

        private UUID entry(UUID id, UUID patient, UUID author, String category, String status, Concept concept, Instant at,
                           Object value, String body) {
            Object[] common = {id, patient, category, 1, status, concept.system(), concept.code(), concept.display(),
                    at, at.plus(2, ChronoUnit.HOURS), value, null, null, null, null, null, body, null,
                    concept.sensitive(), author};
            row(entries, append(common, at.plus(2, ChronoUnit.HOURS)));
            row(versions, append(append(common, null), at.plus(2, ChronoUnit.HOURS)));
            return id;
        }

        /** A second version of a medication: the history every chart shows. */
        private void correctedDose(UUID patient, UUID author, UUID entry, Concept concept) {
            // The current view was written with version 1; rewrite its last row as version 2.
            int lineStart = entries.lastIndexOf("\n", entries.length() - 2) + 1;
            entries.setLength(lineStart);
            Instant changed = anchor.minus(10 + random.nextInt(20), ChronoUnit.DAYS);
            Object[] current = {entry, patient, "medication", 2, "active", concept.system(), concept.code(),
                    concept.display(), changed, changed, null, null, null, null, null, null,
                    "Take one tablet by mouth twice daily", null, concept.sensitive(), author};
            row(entries, append(current, changed));
            row(versions, append(append(current, "Dose increased after review of recent results"), changed));
        }

        private static String interpretation(Measure measure, double value) {
            if (measure.low() == 0 && measure.high() == 0) {
                return null;
            }
            double span = measure.high() - measure.low();
            if (value > measure.high() + span) return "HH";
            if (value < measure.low() - span / 2) return "LL";
            if (value > measure.high()) return "H";
            if (value < measure.low()) return "L";
            return "N";
        }

        private <T> List<T> distinct(List<T> from, int count) {
            List<T> copy = new java.util.ArrayList<>(from);
            java.util.Collections.shuffle(copy, random);
            return copy.subList(0, Math.min(count, copy.size()));
        }

        private <T> T pick(List<T> from) {
            return from.get(random.nextInt(from.size()));
        }

        private UUID uuid() {
            long most = (random.nextLong() & ~0xF000L) | 0x4000L;
            long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
            return new UUID(most, least);
        }

        private static double round(double value, int decimals) {
            double scale = Math.pow(10, decimals);
            return Math.round(value * scale) / scale;
        }

        private static Object[] append(Object[] values, Object last) {
            Object[] longer = java.util.Arrays.copyOf(values, values.length + 1);
            longer[values.length] = last;
            return longer;
        }

        /** One line of COPY's text format. */
        private static void row(StringBuilder out, Object... values) {
            for (int i = 0; i < values.length; i++) {
                if (i > 0) {
                    out.append('\t');
                }
                Object value = values[i];
                if (value == null) {
                    out.append("\\N");
                } else if (value instanceof Boolean b) {
                    out.append(b ? 't' : 'f');
                } else {
                    String text = value.toString();
                    for (int c = 0; c < text.length(); c++) {
                        char ch = text.charAt(c);
                        switch (ch) {
                            case '\\' -> out.append("\\\\");
                            case '\t' -> out.append("\\t");
                            case '\n' -> out.append("\\n");
                            case '\r' -> out.append("\\r");
                            default -> out.append(ch);
                        }
                    }
                }
            }
            out.append('\n');
        }
    }
}
