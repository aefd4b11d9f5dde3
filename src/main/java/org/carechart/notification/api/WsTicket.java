package org.carechart.notification.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** A one-time ticket: pass it as {@code ?ticket=} when opening the WebSocket, within its lifetime. */
@RegisterForReflection
public record WsTicket(String ticket, Instant expiresAt) {
}
