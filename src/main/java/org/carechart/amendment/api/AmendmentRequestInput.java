package org.carechart.amendment.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.UUID;

/** A patient's or proxy's request to correct one chart entry, and why. */
@RegisterForReflection
public record AmendmentRequestInput(UUID entryId, String reason) {
}
