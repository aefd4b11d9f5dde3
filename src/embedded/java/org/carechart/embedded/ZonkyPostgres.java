package org.carechart.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The embedded default's PostgreSQL 17, from the binaries zonky ships as jars. zonky chooses the
 * archive for this machine at run time from {@code os.name} and {@code os.arch} (Linux x86-64 and
 * ARM64, macOS x86-64 and ARM64 are on the class path; see pom.xml).
 */
public final class ZonkyPostgres implements LocalPostgres {

    @Override
    public Server start(Path dataDir, Path binDir, int port, boolean throwaway) throws IOException {
        Files.createDirectories(binDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setOverrideWorkingDirectory(binDir.toFile())
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(throwaway)
                .setPort(port)
                .setServerConfig("max_connections", "300")
                .setServerConfig("fsync", throwaway ? "off" : "on")
                .setServerConfig("synchronous_commit", throwaway ? "off" : "on")
                .start();
        return () -> {
            try {
                postgres.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }
}
