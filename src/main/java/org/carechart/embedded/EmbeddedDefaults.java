package org.carechart.embedded;

import org.carechart.common.SecretFiles;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The embedded default: when no external PostgreSQL is configured, start one from the binaries
 * shipped on the class path, keep its data under the work folder so a restart keeps what was
 * written, and make sure the embedded token issuer has a signing key. Runs before Quarkus reads
 * its configuration, so it speaks in system properties. When the embedded PostgreSQL cannot start
 * here (as root without user namespaces, or a native build, which has none) it throws
 * {@link EmbeddedDatabaseUnavailable} with one line saying what to do.
 */
public final class EmbeddedDefaults {

    static final String EXTERNAL_DB_URL = "QUARKUS_DATASOURCE_REACTIVE_URL";
    static final int DEFAULT_PORT = 5532;
    static final String NOT_IN_THIS_BUILD = "This Carechart build has no embedded PostgreSQL (a native binary "
            + "expects an external database): set QUARKUS_DATASOURCE_REACTIVE_URL, QUARKUS_DATASOURCE_JDBC_URL, "
            + "QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD (README: \"Using an external PostgreSQL\").";
    /** The database role the service runs as (V30__audit_runtime_role.sql). */
    public static final String RUNTIME_ROLE = "carechart_runtime";
    /** The generated passwords' files under the keys folder. */
    public static final String OWNER_PASSWORD = "postgres-owner.password";
    public static final String RUNTIME_PASSWORD = "postgres-runtime.password";

    private EmbeddedDefaults() {
    }

    public static void prepareUnlessExternal(String... args) {
        applyCommandLine(args);
        if (System.getenv(EXTERNAL_DB_URL) != null || System.getProperty("quarkus.datasource.reactive.url") != null) {
            return;
        }
        Path workDir = Path.of(System.getProperty("carechart.work.dir", ".carechart")).toAbsolutePath();
        int port = Integer.parseInt(System.getProperty("carechart.embedded.port",
                System.getenv().getOrDefault("CARECHART_EMBEDDED_PORT", String.valueOf(DEFAULT_PORT))));
        LocalPostgres.Server postgres = startPostgres(workDir.resolve("pgdata"), workDir.resolve("pg-bin"), port, false);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> close(postgres), "embedded-postgres-stop"));
        databaseProperties(port, workDir).forEach(System::setProperty);
        SigningKeys.ensure(workDir.resolve("keys")).forEach(System::setProperty);
        // The audit chain key: generated on first start beside the signing key, never in the database.
        System.setProperty("carechart.audit.chain-key-file",
                System.getProperty("carechart.audit.chain-key-file", workDir.resolve("keys").resolve("audit-chain.key").toString()));
        // The change-token secret, likewise generated once (common.ProductionSecrets refuses a start without one).
        if (System.getProperty("carechart.chart.change-token-secret") == null
                && System.getenv("CARECHART_CHART_CHANGE_TOKEN_SECRET") == null) {
            System.setProperty("carechart.chart.change-token-secret",
                    SecretFiles.ensure(workDir.resolve("keys").resolve("change-token.key")));
        }
        // The Safe Harbor pseudonym secret (quality.SafeHarbor), likewise.
        if (System.getProperty("carechart.quality.pseudonym-secret") == null
                && System.getenv("CARECHART_QUALITY_PSEUDONYM_SECRET") == null) {
            System.setProperty("carechart.quality.pseudonym-secret",
                    SecretFiles.ensure(workDir.resolve("keys").resolve("quality-pseudonym.key")));
        }
        // The embedded default is the demo: seed it once, unless told otherwise.
        System.setProperty("carechart.demo.seed", System.getProperty("carechart.demo.seed", "true"));
    }

    /** Starts a real PostgreSQL; {@code throwaway} wipes the data folder first (tests). */
    public static LocalPostgres.Server startPostgres(Path dataDir, Path binDir, int port, boolean throwaway) {
        return startPostgres(LocalPostgres.find().orElse(null), RootCheck.forThisProcess().orElse(null),
                dataDir, binDir, port, throwaway);
    }

    /** With the implementation this build has (or none) and the reason this machine refuses (or none). */
    static LocalPostgres.Server startPostgres(LocalPostgres implementation, String refusal, Path dataDir, Path binDir,
                                              int port, boolean throwaway) {
        if (implementation == null) {
            throw new EmbeddedDatabaseUnavailable(NOT_IN_THIS_BUILD);
        }
        if (refusal != null) {
            throw new EmbeddedDatabaseUnavailable(refusal);
        }
        Path keys = keysDir(dataDir.toAbsolutePath().getParent());
        String owner = SecretFiles.ensure(keys.resolve(OWNER_PASSWORD));
        String runtime = SecretFiles.ensure(keys.resolve(RUNTIME_PASSWORD));
        LocalPostgres.Server server;
        try {
            server = implementation.start(dataDir, binDir, port, throwaway, owner);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start the embedded PostgreSQL in " + dataDir, e);
        }
        try {
            requirePasswords(dataDir, port, owner, runtime);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /**
     * Passwords for every role and SCRAM for every connection: sets the owner's and the runtime role's
     * passwords (creating the runtime role if V30 has not yet) and turns any {@code trust} line of an
     * older data folder's pg_hba.conf into {@code scram-sha-256}, then reloads. A new cluster is SCRAM
     * from initdb on (see LocalPostgres); this brings an existing one to the same state.
     */
    private static void requirePasswords(Path dataDir, int port, String owner, String runtime) {
        try (Connection c = DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/postgres", "postgres", owner);
             Statement statement = c.createStatement()) {
            statement.execute("alter role postgres password " + literal(owner));
            statement.execute("do $$ begin if not exists (select 1 from pg_roles where rolname = '" + RUNTIME_ROLE
                    + "') then create role " + RUNTIME_ROLE + " login; end if; end $$");
            statement.execute("alter role " + RUNTIME_ROLE + " password " + literal(runtime));
            Path hba = dataDir.resolve("pg_hba.conf");
            String before = Files.readString(hba);
            String after = before.lines()
                    .map(line -> line.startsWith("#") ? line : line.replaceAll("\\btrust\\s*$", "scram-sha-256"))
                    .collect(Collectors.joining("\n", "", "\n"));
            if (!after.equals(before)) {
                Files.writeString(hba, after);
                statement.execute("select pg_reload_conf()");
            }
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not set up password authentication for the embedded PostgreSQL", e);
        }
    }

    private static String literal(String secret) {
        return "'" + secret.replace("'", "''") + "'";
    }

    /** Where the embedded database's generated passwords live (mode 0600), beside the signing key. */
    public static Path keysDir(Path workDir) {
        return workDir.resolve("keys");
    }

    /**
     * Flyway migrates as the owner; the service connects as {@code carechart_runtime} (created by
     * V30), which may not change or delete audit rows. Both sign in with SCRAM and the passwords
     * generated under {@code workDir/keys} (mode 0600).
     */
    public static Map<String, String> databaseProperties(int port, Path workDir) {
        Path keys = keysDir(workDir.toAbsolutePath());
        return Map.of(
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "quarkus.datasource.username", RUNTIME_ROLE,
                "quarkus.datasource.password", SecretFiles.ensure(keys.resolve(RUNTIME_PASSWORD)),
                "quarkus.flyway.username", "postgres",
                "quarkus.flyway.password", SecretFiles.ensure(keys.resolve(OWNER_PASSWORD)));
    }

    /** {@code --patients N} asks the demo generator for a data set of that size. */
    private static void applyCommandLine(String... args) {
        for (int i = 0; i + 1 < args.length; i++) {
            if ("--patients".equals(args[i])) {
                System.setProperty("carechart.demo.patients", args[i + 1]);
            }
        }
    }

    private static void close(LocalPostgres.Server postgres) {
        try {
            postgres.close();
        } catch (UncheckedIOException e) {
            // The process is going away; nothing more to do.
        }
    }
}
