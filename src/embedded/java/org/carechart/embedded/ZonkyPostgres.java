package org.carechart.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * The embedded default's PostgreSQL 17, from the binaries zonky ships as jars. zonky chooses the
 * archive for this machine at run time from {@code os.name} and {@code os.arch} (Linux x86-64 and
 * ARM64, macOS x86-64 and ARM64 are on the class path; see pom.xml).
 */
public final class ZonkyPostgres implements LocalPostgres {

    @Override
    public Server start(Path dataDir, Path binDir, int port, boolean throwaway, String ownerPassword) throws IOException {
        Files.createDirectories(binDir);
        // initdb: the later --auth overrides zonky's "-A trust"; the superuser's password from a file only its owner reads.
        Path passwordFile = Files.createTempFile(binDir, "initdb-pw", ".tmp");
        try {
            Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // Not a POSIX file system.
        }
        Files.writeString(passwordFile, ownerPassword + "\n");
        EmbeddedPostgres postgres;
        try {
            postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(binDir.toFile())
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(throwaway)
                .setPort(port)
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", throwaway ? "off" : "on")
                .setServerConfig("synchronous_commit", throwaway ? "off" : "on")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", passwordFile.toAbsolutePath().toString())
                .setConnectConfig("password", ownerPassword)
                .start();
        } finally {
            Files.deleteIfExists(passwordFile);
        }
        return () -> {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
