package org.carechart.notification.api;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record WebhookView(UUID id, String url, List<String> kinds, Instant createdAt) {
}
