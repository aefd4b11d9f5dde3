package org.carechart.chart.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** A stored document and the chart entry of category document that points at it. */
@RegisterForReflection
public record DocumentView(UUID id, UUID entryId, String contentType, long sizeBytes, String sha256, String fileName,
                           Instant createdAt) {
}
