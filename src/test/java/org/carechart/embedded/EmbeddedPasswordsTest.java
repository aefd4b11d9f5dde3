package org.carechart.embedded;

import io.quarkus.test.junit.QuarkusTest;
import org.carechart.support.Db;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, "Hardening": the embedded PostgreSQL (the one the suite runs on, started as the embedded default
 * starts it) trusts no local user: every role signs in with SCRAM and a generated password kept under the
 * work folder with mode 0600, and a connection without the password is refused.
 */
@QuarkusTest
class EmbeddedPasswordsTest {

    private static final Path KEYS = EmbeddedDefaults.keysDir(Path.of(System.getProperty("carechart.work.dir", ".carechart")).toAbsolutePath());

    @Test
    void thePasswordsAreGeneratedUnderTheWorkFolderReadableByTheOwnerOnly() throws Exception {
        for (String name : List.of(EmbeddedDefaults.OWNER_PASSWORD, EmbeddedDefaults.RUNTIME_PASSWORD)) {
            Path file = KEYS.resolve(name);
            assertTrue(Files.isRegularFile(file), file + " exists");
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)), file.toString());
            assertTrue(Files.readString(file).strip().length() >= 40, "a generated secret, not a name");
        }
    }

    @Test
    void aConnectionWithoutThePasswordOrWithTheOldDefaultIsRefusedAndTheServerSpeaksScram() throws Exception {
        String url = ConfigProvider.getConfig().getValue("quarkus.datasource.jdbc.url", String.class);
        for (String user : List.of("postgres", EmbeddedDefaults.RUNTIME_ROLE)) {
            Properties noPassword = new Properties();
            noPassword.setProperty("user", user);
            SQLException refused = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, noPassword).close(), user);
            assertTrue(String.valueOf(refused.getMessage()).contains("password"), refused.getMessage());
            SQLException wrong = assertThrows(SQLException.class, () -> DriverManager.getConnection(url, user, user).close(), user);
            assertEquals("28P01", wrong.getSQLState(), "invalid_password for " + user);
        }
        try (Connection owner = Db.ownerConnection()) {
            var rows = owner.createStatement().executeQuery(
                    "select count(*) filter (where auth_method = 'trust'), count(*) filter (where auth_method = 'scram-sha-256') "
                            + "from pg_hba_file_rules where error is null");
            rows.next();
            assertEquals(0, rows.getInt(1), "no trust line in pg_hba.conf");
            assertTrue(rows.getInt(2) > 0, "scram-sha-256 lines in pg_hba.conf");
            var secrets = owner.createStatement().executeQuery(
                    "select count(*) from pg_authid where rolname in ('postgres', '" + EmbeddedDefaults.RUNTIME_ROLE
                            + "') and rolpassword like 'SCRAM-SHA-256$%'");
            secrets.next();
            assertEquals(2, secrets.getInt(1), "both roles have SCRAM verifiers");
        }
    }
}
