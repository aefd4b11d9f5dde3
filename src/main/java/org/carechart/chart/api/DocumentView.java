package org.carechart.chart.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** A stored document and the chart entry of category document that points at it. */
@RegisterForReflection
@Schema(requiredProperties = {"id", "entryId", "contentType", "sizeBytes", "sha256", "createdAt"})
public record DocumentView(UUID id, UUID entryId, String contentType, long sizeBytes, String sha256, String fileName,
                           Instant createdAt) {
}
