package org.carechart.notification.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A new subscription with its signing secret, shown this once. Deliveries carry the headers
 * webhook-id, webhook-timestamp and webhook-signature ("v1," + base64 HMAC-SHA256 of
 * "id.timestamp.body" keyed with the base64-decoded part of the secret after "whsec_").
 */
@RegisterForReflection
public record WebhookCreated(UUID id, String url, List<String> kinds, String secret, Instant createdAt) {
}
