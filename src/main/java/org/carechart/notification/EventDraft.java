package org.carechart.notification;

import java.util.UUID;

/**
 * An event as a feature announces it. Only ids, kind, category and a short title: what a phone's
 * lock screen or a push gateway may see, never clinical values. {@code sensitive}: the entry is marked
 * sensitive, so those who may not see it (a parent of a 12-17-year-old) are not told of it either.
 */
public record EventDraft(EventKind kind, UUID patientId, String category, String resourceId, String title, UUID actorId,
                         boolean sensitive) {

    /** An event about something that is not marked sensitive. */
    public EventDraft(EventKind kind, UUID patientId, String category, String resourceId, String title, UUID actorId) {
        this(kind, patientId, category, resourceId, title, actorId, false);
    }
}
