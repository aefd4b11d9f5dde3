package org.carechart.amendment.api;

import java.util.UUID;

/** A patient's or proxy's request to correct one chart entry, and why. */
public record AmendmentRequestInput(UUID entryId, String reason) {
}
