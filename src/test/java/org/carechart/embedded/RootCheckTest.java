package org.carechart.embedded;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** When the embedded PostgreSQL cannot start, the service says so in one line and what to do, before starting anything. */
class RootCheckTest {

    private static final LocalPostgres MUST_NOT_START = (data, bin, port, throwaway, password) -> fail("nothing may start");

    @Test
    void rootOnLinuxWithoutUserNamespacesIsRefusedInOneLineThatNamesTheExternalDatabase() {
        String refusal = RootCheck.refusal("Linux", 0, () -> false).orElseThrow();
        assertFalse(refusal.contains("\n"), "one line");
        assertTrue(refusal.contains("initdb refuses to run as root"), refusal);
        for (String variable : new String[]{"QUARKUS_DATASOURCE_REACTIVE_URL", "QUARKUS_DATASOURCE_JDBC_URL",
                "QUARKUS_DATASOURCE_USERNAME", "QUARKUS_DATASOURCE_PASSWORD"}) {
            assertTrue(refusal.contains(variable), "says to set " + variable);
        }
    }

    @Test
    void rootOnLinuxWithUserNamespacesStartsAsZonkyRunsInitdbInOne() {
        assertEquals(Optional.empty(), RootCheck.refusal("Linux", 0, () -> true));
    }

    @Test
    void aNormalUserIsNeverRefusedAndNoProcessIsStartedToFindOut() {
        assertEquals(Optional.empty(), RootCheck.refusal("Linux", 1000, () -> fail("unshare is not asked")));
        assertEquals(Optional.empty(), RootCheck.refusal("Mac OS X", 501, () -> fail("unshare is not asked")));
    }

    @Test
    void rootOnMacOsIsRefusedAsThereIsNoUserNamespaceToRunInitdbIn() {
        assertTrue(RootCheck.refusal("Mac OS X", 0, () -> true).isPresent());
    }

    @Test
    void theUserIdIsTheRealOneOfProcSelfStatusOrElseTheUserName() {
        assertEquals(Optional.of(0L), RootCheck.uidFromStatus("Name:\tjava\nUmask:\t0022\nUid:\t0\t0\t0\t0\nGid:\t0\t0\t0\t0\n"));
        assertEquals(Optional.of(1000L), RootCheck.uidFromStatus("Name:\tjava\nUid:\t1000\t0\t1000\t1000\n"));
        assertEquals(Optional.empty(), RootCheck.uidFromStatus("Name:\tjava\n"));
        Path missing = Path.of("target", "no-such-proc-status");
        assertEquals(0, RootCheck.currentUid("Mac OS X", missing, "root"));
        assertEquals(-1, RootCheck.currentUid("Mac OS X", missing, "alice"));
    }

    @Test
    void aRefusedMachineGetsTheLineAndNoStackTraceAndNothingStarts() {
        EmbeddedDatabaseUnavailable refused = assertThrows(EmbeddedDatabaseUnavailable.class, () -> EmbeddedDefaults.startPostgres(
                MUST_NOT_START, RootCheck.REFUSAL, Path.of("target", "x"), Path.of("target", "y"), 1, true));
        assertEquals(RootCheck.REFUSAL, refused.getMessage());
        assertEquals(0, refused.getStackTrace().length, "CarechartMain prints the message alone");
    }

    @Test
    void aBuildWithoutTheEmbeddedDatabaseSaysToUseAnExternalOne() {
        EmbeddedDatabaseUnavailable refused = assertThrows(EmbeddedDatabaseUnavailable.class, () -> EmbeddedDefaults.startPostgres(
                null, null, Path.of("target", "x"), Path.of("target", "y"), 1, true));
        assertTrue(refused.getMessage().contains("QUARKUS_DATASOURCE_REACTIVE_URL"), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
    }
}
