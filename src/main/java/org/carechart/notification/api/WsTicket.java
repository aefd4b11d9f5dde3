package org.carechart.notification.api;

import java.time.Instant;

/** A one-time ticket: pass it as {@code ?ticket=} when opening the WebSocket, within its lifetime. */
public record WsTicket(String ticket, Instant expiresAt) {
}
