package org.carechart.notification.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@RegisterForReflection
public record WebhookView(UUID id, String url, List<String> kinds, Instant createdAt) {
}
