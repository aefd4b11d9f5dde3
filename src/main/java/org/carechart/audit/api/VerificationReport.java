package org.carechart.audit.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.UUID;

/** The result of recomputing the hash chains: intact, or the first link that does not hold. */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record VerificationReport(boolean intact,
                                 @Schema(description = "events checked") long events,
                                 @Schema(description = "chains checked") long chains,
                                 @Schema(description = "the first broken link; absent when intact") BrokenLink brokenLink) {

    /**
     * @param chain   the chain key: a patient id, or {@code actor:<account id>} for events about no patient
     * @param seq     the position in the chain where it breaks
     * @param eventId the event at that position (absent when the event itself is missing)
     * @param problem hash-mismatch, previous-hash-mismatch, sequence-gap, head-mismatch or chain-missing
     */
    @RegisterForReflection
    public record BrokenLink(String chain, long seq, UUID eventId, String problem) {
    }
}
