package org.carechart.common;

import io.quarkus.runtime.LaunchMode;
import org.carechart.chart.ChartConfig;
import org.carechart.quality.QualityConfig;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Issue 11, "Hardening": a production start without the change-token secret and the audit chain key is refused. */
class ProductionSecretsTest {

    private static final String STRONG = "q0V7yK2mZ3x9Jc4s1Lw8Rb6Tn5Hd0Ge2Pf7Ua3Vi";

    private static Function<String, Optional<String>> config(Map<String, String> values) {
        return name -> Optional.ofNullable(values.get(name));
    }

    @Test
    void aProductionStartWithoutItsSecretsIsRefusedWithOneLineNamingThem() {
        IllegalStateException refusal = assertThrows(IllegalStateException.class,
                () -> ProductionSecrets.verify(LaunchMode.NORMAL, config(Map.of())));
        assertTrue(refusal.getMessage().startsWith("Refusing to start in production"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("CARECHART_CHART_CHANGE_TOKEN_SECRET"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("CARECHART_AUDIT_CHAIN_KEY"), refusal.getMessage());
        assertTrue(refusal.getMessage().contains("CARECHART_QUALITY_PSEUDONYM_SECRET"), refusal.getMessage());
        assertFalse(refusal.getMessage().contains("\n"));
    }

    @Test
    void theDevelopmentDefaultAShortSecretOrABlankOneIsRefused() {
        for (String weak : new String[]{ChartConfig.DEV_CHANGE_TOKEN_SECRET, "short-secret", "   "}) {
            List<String> missing = ProductionSecrets.missing(LaunchMode.NORMAL, config(Map.of(
                    "carechart.chart.change-token-secret", weak, "carechart.audit.chain-key-file", "/etc/carechart/audit.key",
                    "carechart.quality.pseudonym-secret", STRONG)));
            assertEquals(1, missing.size(), weak);
            assertTrue(missing.get(0).startsWith("CARECHART_CHART_CHANGE_TOKEN_SECRET"), weak);
        }
        List<String> missing = ProductionSecrets.missing(LaunchMode.NORMAL, config(Map.of(
                "carechart.chart.change-token-secret", STRONG, "carechart.audit.chain-key", " ",
                "carechart.quality.pseudonym-secret", STRONG)));
        assertEquals(1, missing.size());
        assertTrue(missing.get(0).startsWith("CARECHART_AUDIT_CHAIN_KEY"));
    }

    @Test
    void theDevelopmentPseudonymSecretIsRefused() {
        List<String> missing = ProductionSecrets.missing(LaunchMode.NORMAL, config(Map.of(
                "carechart.chart.change-token-secret", STRONG, "carechart.audit.chain-key", "c2VjcmV0",
                "carechart.quality.pseudonym-secret", QualityConfig.DEV_PSEUDONYM_SECRET)));
        assertEquals(List.of("CARECHART_QUALITY_PSEUDONYM_SECRET (32+ characters, the same on every instance; not the development default)"),
                missing);
    }

    @Test
    void aProductionStartWithItsSecretsAndDevAndTestRunsPass() {
        assertDoesNotThrow(() -> ProductionSecrets.verify(LaunchMode.NORMAL, config(Map.of(
                "carechart.chart.change-token-secret", STRONG, "carechart.audit.chain-key", "c2VjcmV0",
                "carechart.quality.pseudonym-secret", STRONG))));
        assertDoesNotThrow(() -> ProductionSecrets.verify(LaunchMode.NORMAL, config(Map.of(
                "carechart.chart.change-token-secret", STRONG, "carechart.audit.chain-key-file", "/etc/carechart/audit.key",
                "carechart.quality.pseudonym-secret", STRONG))));
        assertDoesNotThrow(() -> ProductionSecrets.verify(LaunchMode.TEST, config(Map.of())));
        assertDoesNotThrow(() -> ProductionSecrets.verify(LaunchMode.DEVELOPMENT, config(Map.of())));
    }
}
