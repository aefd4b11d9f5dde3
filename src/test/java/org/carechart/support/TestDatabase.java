package org.carechart.support;

import io.quarkus.test.common.DevServicesContext;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import org.carechart.common.SecretFiles;
import org.carechart.embedded.EmbeddedDefaults;
import org.carechart.embedded.LocalPostgres;
import org.carechart.embedded.SigningKeys;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * One real PostgreSQL for the whole test run, shared by every test class (one Quarkus boot).
 * By default a throwaway embedded PostgreSQL 17; with {@code TEST_DB=external} a fresh database
 * on the server at {@code TEST_DB_URL} (jdbc URL of a maintenance database, for example one that
 * {@code scripts/test-postgres.sh} started), for machines without user namespaces.
 *
 * <p>The {@code @QuarkusIntegrationTest} suite (failsafe, {@code *IT}) gets the same: here, in the
 * test JVM, a fresh database, whose settings Quarkus passes to the packaged artifact (jar or native
 * binary) as an external database, plus the demo data set, as the artifact runs with its
 * production profile.
 */
@QuarkusTestResource(TestDatabase.class)
public class TestDatabase implements QuarkusTestResourceLifecycleManager, DevServicesContext.ContextAware {

    private LocalPostgres.Server embedded;
    private boolean packagedArtifact;

    @Override
    public void setIntegrationTestContext(DevServicesContext context) {
        packagedArtifact = true;
    }

    @Override
    public Map<String, String> start() {
        Path workDir = Path.of(System.getProperty("carechart.work.dir", ".carechart")).toAbsolutePath();
        Map<String, String> config = new HashMap<>();
        if ("external".equalsIgnoreCase(System.getenv("TEST_DB"))) {
            config.putAll(externalDatabase());
        } else {
            int port = freePort();
            embedded = EmbeddedDefaults.startPostgres(workDir.resolve("test-pgdata-" + port), workDir.resolve("pg-bin"),
                    port, true);
            config.putAll(EmbeddedDefaults.databaseProperties(port, workDir));
        }
        config.putAll(SigningKeys.ensure(Path.of("target", "test-keys").toAbsolutePath()));
        config.putAll(https());
        if (packagedArtifact) {
            config.put("carechart.demo.seed", "true");
            config.put("carechart.demo.patients", "12");
            // The suite is one loopback client signing in often; rate limits have tests of their own.
            config.put("carechart.rate-limit.exempt-addresses", "127.0.0.1,::1");
            // It runs with its production profile, which refuses to start without its secrets (common.ProductionSecrets).
            Path keys = Path.of("target", "test-keys").toAbsolutePath();
            config.put("carechart.chart.change-token-secret", SecretFiles.ensure(keys.resolve("change-token.key")));
            config.put("carechart.audit.chain-key-file", keys.resolve("audit-chain.key").toString());
            config.put("carechart.quality.pseudonym-secret", SecretFiles.ensure(keys.resolve("quality-pseudonym.key")));
        }
        return config;
    }

    @Override
    public void stop() {
        if (embedded != null) {
            embedded.close();
        }
    }

    /** The suite's self-signed PEM certificate (localhost, 127.0.0.1), made by openssl on first use. */
    public static Path tlsCertificate() {
        return Path.of("target", "test-keys", "tls.crt").toAbsolutePath();
    }

    /**
     * HTTPS beside plain HTTP, from configuration alone (docs/security.md "TLS with a PEM certificate"), on a
     * random port (also for the packaged artifact): TlsTest speaks to it; every other test keeps speaking plain HTTP.
     */
    private static Map<String, String> https() {
        Path certificate = tlsCertificate();
        Path key = certificate.resolveSibling("tls.key");
        if (!java.nio.file.Files.exists(certificate) || !java.nio.file.Files.exists(key)) {
            try {
                java.nio.file.Files.createDirectories(certificate.getParent());
                Process openssl = new ProcessBuilder("openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes",
                        "-keyout", key.toString(), "-out", certificate.toString(), "-days", "30", "-subj", "/CN=localhost",
                        "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1").redirectErrorStream(true).start();
                String output = new String(openssl.getInputStream().readAllBytes());
                if (openssl.waitFor() != 0) {
                    throw new IllegalStateException("openssl could not make the test certificate: " + output);
                }
            } catch (IOException e) {
                throw new IllegalStateException("The suite's TLS test needs openssl (Debian: apt-get install openssl)", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return Map.of(
                "quarkus.http.ssl.certificate.files", certificate.toString(),
                "quarkus.http.ssl.certificate.key-files", key.toString(),
                "quarkus.http.test-ssl-port", "0",
                "quarkus.http.ssl-port", "0",
                "quarkus.http.insecure-requests", "enabled");
    }

    private static Map<String, String> externalDatabase() {
        String url = System.getenv().getOrDefault("TEST_DB_URL", "jdbc:postgresql://127.0.0.1:5433/postgres");
        String user = System.getenv().getOrDefault("TEST_DB_USER", "postgres");
        String password = System.getenv().getOrDefault("TEST_DB_PASSWORD", "postgres");
        String database = "carechart_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        try (Connection connection = DriverManager.getConnection(url, user, password)) {
            connection.createStatement().execute("create database " + database);
            // The service's runtime role (V30 grants it its rights); a password, as the server may ask for one.
            connection.createStatement().execute("do $$ begin create role " + EmbeddedDefaults.RUNTIME_ROLE
                    + " login password '" + EmbeddedDefaults.RUNTIME_ROLE + "'; exception when duplicate_object then null; end $$");
        } catch (SQLException e) {
            throw new IllegalStateException("TEST_DB=external but no PostgreSQL answers at " + url, e);
        }
        String base = url.substring(0, url.lastIndexOf('/') + 1);
        return Map.of(
                "quarkus.datasource.jdbc.url", base + database,
                "quarkus.datasource.reactive.url", base.replace("jdbc:", "") + database,
                "quarkus.datasource.username", EmbeddedDefaults.RUNTIME_ROLE,
                "quarkus.datasource.password", EmbeddedDefaults.RUNTIME_ROLE,
                "quarkus.flyway.username", user,
                "quarkus.flyway.password", password);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
