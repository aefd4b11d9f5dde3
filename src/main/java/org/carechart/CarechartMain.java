package org.carechart;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import org.carechart.embedded.EmbeddedDefaults;

/**
 * Starts the service. Without an external database configured it first prepares the embedded
 * default (a local PostgreSQL and a signing key kept under {@code .carechart/}), so that one
 * command runs the whole portal on a fresh machine.
 */
@QuarkusMain
public class CarechartMain {

    public static void main(String... args) {
        EmbeddedDefaults.prepareUnlessExternal(args);
        Quarkus.run(args);
    }
}
