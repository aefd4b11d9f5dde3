package org.carechart.notification;

import java.time.Instant;
import java.util.UUID;

/**
 * Who a live stream belongs to, the caller's own patient record if any (whose events they always
 * reach), and when the token it was opened with expires (the stream ends then).
 */
record StreamPrincipal(UUID accountId, UUID ownPatientId, Instant expiresAt) {
}
