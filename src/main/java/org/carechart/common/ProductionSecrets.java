package org.carechart.common;

import io.quarkus.runtime.LaunchMode;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.Config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Refuses a production start ({@code java -jar}, launch mode NORMAL) without the service's own secrets,
 * rather than running with a development default a reader of the source knows:
 * <ul>
 * <li>{@code carechart.chart.change-token-secret} (signs change-feed tokens; 32 characters or more, the same
 * on every instance; the development default, and any value containing {@value #DEV_MARKER}, is refused);</li>
 * <li>{@code carechart.audit.chain-key} or {@code carechart.audit.chain-key-file} (keys the audit chain);</li>
 * <li>{@code carechart.quality.pseudonym-secret} (derives each registry's Safe Harbor pseudonyms; 32 characters
 * or more, the same on every instance; a reader of the source must not be able to recompute them).</li>
 * </ul>
 * The embedded default (the demo) generates them under its work folder before Quarkus starts, so it passes.
 * Dev and test runs are not checked. The refusal is one line naming what to set.
 */
@ApplicationScoped
public class ProductionSecrets {

    /** Every development default secret contains this, so that no such value can run in production. */
    public static final String DEV_MARKER = "not-for-production";
    static final int MIN_CHARS = 32;

    void check(@Observes StartupEvent event, Config config) {
        verify(LaunchMode.current(), name -> config.getOptionalValue(name, String.class));
    }

    /** Throws {@link IllegalStateException} with one line when a production start lacks a secret. */
    public static void verify(LaunchMode mode, Function<String, Optional<String>> config) {
        List<String> missing = missing(mode, config);
        if (!missing.isEmpty()) {
            throw new IllegalStateException("Refusing to start in production without its secrets: set "
                    + String.join("; set ", missing) + " (docs/security.md, \"Secrets\")");
        }
    }

    /** What a start in this mode lacks, each as "what to set (why)"; empty when it may start. */
    public static List<String> missing(LaunchMode mode, Function<String, Optional<String>> config) {
        List<String> missing = new ArrayList<>();
        if (mode != LaunchMode.NORMAL) {
            return missing;
        }
        if (weak(config.apply("carechart.chart.change-token-secret"))) {
            missing.add("CARECHART_CHART_CHANGE_TOKEN_SECRET (" + MIN_CHARS
                    + "+ characters, the same on every instance; not the development default)");
        }
        if (present(config.apply("carechart.audit.chain-key")).isEmpty()
                && present(config.apply("carechart.audit.chain-key-file")).isEmpty()) {
            missing.add("CARECHART_AUDIT_CHAIN_KEY (base64, 32+ bytes) or carechart.audit.chain-key-file");
        }
        if (weak(config.apply("carechart.quality.pseudonym-secret"))) {
            missing.add("CARECHART_QUALITY_PSEUDONYM_SECRET (" + MIN_CHARS
                    + "+ characters, the same on every instance; not the development default)");
        }
        return missing;
    }

    /** Absent, blank, a development default or shorter than {@link #MIN_CHARS}. */
    private static boolean weak(Optional<String> value) {
        Optional<String> secret = present(value);
        return secret.isEmpty() || secret.get().contains(DEV_MARKER) || secret.get().length() < MIN_CHARS;
    }

    private static Optional<String> present(Optional<String> value) {
        return value.map(String::strip).filter(v -> !v.isEmpty());
    }
}
