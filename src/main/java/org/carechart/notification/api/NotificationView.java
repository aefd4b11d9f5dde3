package org.carechart.notification.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.UUID;

/**
 * One inbox entry, as the inbox, the WebSocket and Server-Sent Events carry it: ids, kind,
 * category, a short title and the time. Never clinical values.
 *
 * @param createdAt ISO-8601 UTC, milliseconds
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.ALWAYS)
@JsonPropertyOrder({"seq", "id", "kind", "patientId", "category", "resourceId", "title", "createdAt"})
public record NotificationView(long seq, UUID id, String kind, UUID patientId, String category, String resourceId,
                               String title, String createdAt) {
}
