package org.carechart.export;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** Settings of bulk export (carechart.export.*); every one has a safe default. */
@ConfigMapping(prefix = "carechart.export")
public interface ExportConfig {

    /** Where NDJSON files are written; default {@code <carechart.work.dir>/export}. */
    Optional<String> dir();

    /** How long a finished export's files stay downloadable before they and the job are removed. */
    @WithDefault("PT24H")
    Duration expiry();

    /** Jobs one client may have queued or running at once; one more is refused with 429. */
    @WithDefault("2")
    int maxJobsPerClient();

    /** How long a lease holds without a checkpoint; a job whose lease ran out is taken over by another instance. */
    @WithDefault("PT30S")
    Duration lease();

    /** How often each instance looks for a job to run (a scheduler period). */
    @WithDefault("1s")
    String poll();

    /** How long after start the first look and the first clean-up run. */
    @WithDefault("2s")
    String pollDelay();

    /** Patients per checkpoint: what one transaction reads, writes and records. */
    @WithDefault("25")
    int chunkPatients();

    /** Chart entries read per keyset page of one patient. */
    @WithDefault("500")
    int pageSize();

    /** The Retry-After (seconds) a client polling a running job is told. */
    @WithDefault("2")
    int retryAfterSeconds();

    /** How often expired and cancelled exports are removed (a scheduler period). */
    @WithDefault("5m")
    String cleanupEvery();
}
