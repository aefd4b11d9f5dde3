package org.carechart.embedded;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * A PostgreSQL server this process starts for itself. The implementation (zonky, in
 * {@code src/embedded}) is part of the JVM build only: a native build compiles without it and
 * expects an external database, so nothing here may name zonky.
 */
public interface LocalPostgres {

    /** A started server; {@link #close()} stops it. */
    interface Server extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Starts a real PostgreSQL; {@code throwaway} wipes the data folder first and trades durability for speed (tests).
     * A new cluster is created with SCRAM authentication and {@code ownerPassword} for the {@code postgres} role
     * (never {@code trust}); the readiness check signs in with it.
     */
    Server start(Path dataDir, Path binDir, int port, boolean throwaway, String ownerPassword) throws IOException;

    /** The implementation on the class path, if this build has one. */
    static Optional<LocalPostgres> find() {
        return ServiceLoader.load(LocalPostgres.class, LocalPostgres.class.getClassLoader()).findFirst();
    }
}
