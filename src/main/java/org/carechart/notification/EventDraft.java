package org.carechart.notification;

import java.util.UUID;

/**
 * An event as a feature announces it. Only ids, kind, category and a short title: what a phone's
 * lock screen or a push gateway may see, never clinical values.
 */
public record EventDraft(EventKind kind, UUID patientId, String category, String resourceId, String title, UUID actorId) {
}
