package org.carechart.notification;

import java.time.Instant;
import java.util.UUID;

/** Who a live stream belongs to, and when the token it was opened with expires (the stream ends then). */
record StreamPrincipal(UUID accountId, Instant expiresAt) {
}
