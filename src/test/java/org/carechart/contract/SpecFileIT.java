package org.carechart.contract;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The published spec (openapi/) must be exactly what the code generates (target/openapi/, written by the
 * Quarkus build in the package phase; this runs after it, in integration-test). Plain Java, so the test
 * command needs no Unix shell. Refresh: {@code ./mvnw -B package -DskipTests && scripts/openapi.sh refresh}
 * (or copy target/openapi/openapi.yaml and openapi.json into openapi/).
 */
class SpecFileIT {

    private static final Path BASE = Path.of(System.getProperty("project.basedir", "."));

    @Test
    void publishedSpecIsWhatTheCodeGenerates() throws IOException {
        for (String name : List.of("openapi.yaml", "openapi.json")) {
            Path generated = BASE.resolve("target/openapi").resolve(name);
            Path published = BASE.resolve("openapi").resolve(name);
            assertTrue(Files.exists(generated), generated + " is missing: build first (./mvnw package -DskipTests)");
            assertTrue(Files.exists(published), published + " is missing: refresh it");
            List<String> want = Files.readAllLines(generated);
            List<String> have = Files.readAllLines(published);
            if (!want.equals(have)) {
                int line = 0;
                while (line < Math.min(want.size(), have.size()) && want.get(line).equals(have.get(line))) line++;
                fail("openapi/" + name + " differs from the spec the code generates, first at line " + (line + 1)
                        + ":\n  published: " + (line < have.size() ? have.get(line) : "<end of file>")
                        + "\n  generated: " + (line < want.size() ? want.get(line) : "<end of file>")
                        + "\nRefresh and commit it: ./mvnw -B package -DskipTests && scripts/openapi.sh refresh");
            }
        }
    }
}
