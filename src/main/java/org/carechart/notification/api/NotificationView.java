package org.carechart.notification.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
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
@Schema(requiredProperties = {"seq", "id", "kind", "patientId", "category", "resourceId", "title", "createdAt"},
        description = "Sent with every field present: patientId, category and resourceId are null when the event is about none")
public record NotificationView(long seq, UUID id,
                               @Schema(enumeration = {"entry.added", "entry.changed", "entry.retracted", "lab.result.added", "document.added", "amendment.decided", "grant.created", "grant.revoked", "grant.expired", "share.link.used", "break.glass.access"}) String kind, @Schema(nullable = true) UUID patientId,
                               @Schema(nullable = true) String category, @Schema(nullable = true) String resourceId,
                               String title, @Schema(format = "date-time", maxLength = 24) String createdAt) {
}
