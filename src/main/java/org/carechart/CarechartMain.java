package org.carechart;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.carechart.embedded.EmbeddedDatabaseUnavailable;
import org.carechart.embedded.EmbeddedDefaults;

/**
 * Starts the service. Without an external database configured it first prepares the embedded
 * default (a local PostgreSQL and a signing key kept under {@code .carechart/}), so that one
 * command runs the whole portal on a fresh machine. When that cannot work here it prints one line
 * saying what to do (use an external database) and exits with status 1, without a stack trace.
 */
@QuarkusMain
public class CarechartMain {

    public static void main(String... args) {
        try {
            EmbeddedDefaults.prepareUnlessExternal(args);
        } catch (EmbeddedDatabaseUnavailable e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
        Quarkus.run(args);
    }
}
