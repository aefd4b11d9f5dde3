package org.carechart.notification.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
@Schema(requiredProperties = {"id", "url", "createdAt"})
public record WebhookView(UUID id, String url, List<String> kinds, Instant createdAt) {
}
