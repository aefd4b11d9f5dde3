package org.carechart.notification.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/**
 * One delivery of one event to one webhook.
 *
 * @param status pending (will be tried at nextAttemptAt), delivered, failed (retries used up) or
 *               stopped (the subscription was deleted or the grant for the patient ended)
 */
@RegisterForReflection
public record DeliveryView(UUID id, UUID eventId, String kind, String status, int attempts, Integer lastStatusCode,
                           String lastError, Instant lastAttemptAt, Instant nextAttemptAt, Instant createdAt,
                           Instant deliveredAt) {
}
