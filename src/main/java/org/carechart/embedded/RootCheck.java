package org.carechart.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * initdb refuses to run as root. On Linux zonky then runs it in a user namespace of its own
 * ({@code unshare -U}), which needs unprivileged user namespaces; a machine without them (some
 * containers and CI runners), or root on macOS, cannot start the embedded PostgreSQL at all. This
 * says so before anything starts, in one line, with what to do instead.
 */
final class RootCheck {

    static final String REFUSAL = "Carechart cannot start its embedded PostgreSQL: initdb refuses to run as root "
            + "and this machine offers no unprivileged user namespace to run it in (unshare -U fails). "
            + "Run as a non-root user, or use an external PostgreSQL: set QUARKUS_DATASOURCE_REACTIVE_URL, "
            + "QUARKUS_DATASOURCE_JDBC_URL, QUARKUS_DATASOURCE_USERNAME and QUARKUS_DATASOURCE_PASSWORD "
            + "(README: \"Using an external PostgreSQL\"; for the tests TEST_DB=external with scripts/test-postgres.sh).";

    private RootCheck() {
    }

    /** The refusal for this process, if initdb cannot run here. */
    static Optional<String> forThisProcess() {
        String os = System.getProperty("os.name", "");
        return refusal(os, currentUid(os, Path.of("/proc/self/status"), System.getProperty("user.name", "")),
                RootCheck::unshareWorks);
    }

    /**
     * The decision: only root is refused, and on Linux only when no user namespace can be made
     * (asked only then, as it starts a process).
     */
    static Optional<String> refusal(String osName, long uid, BooleanSupplier userNamespaceWorks) {
        if (uid != 0) {
            return Optional.empty();
        }
        boolean linux = osName.toLowerCase(java.util.Locale.ROOT).startsWith("linux");
        return linux && userNamespaceWorks.getAsBoolean() ? Optional.empty() : Optional.of(REFUSAL);
    }

    /** The real user id: from /proc on Linux, else 0 for the user named root and -1 (unknown, not root) otherwise. */
    static long currentUid(String osName, Path procStatus, String userName) {
        if (Files.isReadable(procStatus)) {
            try {
                Optional<Long> uid = uidFromStatus(Files.readString(procStatus));
                if (uid.isPresent()) {
                    return uid.get();
                }
            } catch (IOException e) {
                // Fall back to the user name below.
            }
        }
        return "root".equals(userName) ? 0 : -1;
    }

    /** The real uid of a /proc/PID/status text ({@code Uid:	real	effective	saved	fs}). */
    static Optional<Long> uidFromStatus(String status) {
        for (String line : status.split("\n")) {
            if (line.startsWith("Uid:")) {
                String[] ids = line.substring(4).trim().split("\\s+");
                try {
                    return Optional.of(Long.parseLong(ids[0]));
                } catch (NumberFormatException e) {
                    return Optional.empty();
                }
            }
        }
        return Optional.empty();
    }

    /** What zonky itself runs as root: {@code unshare -U id -u} must succeed. */
    static boolean unshareWorks() {
        try {
            Process process = new ProcessBuilder("unshare", "-U", "id", "-u").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return false;
            }
            return process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
