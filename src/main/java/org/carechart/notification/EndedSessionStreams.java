package org.carechart.notification;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.identity.SessionEnds;

import java.util.UUID;

/** An account whose sessions ended loses its live streams, as one whose access to a patient ended does. */
@ApplicationScoped
public class EndedSessionStreams implements SessionEnds {

    @Inject
    Events events;

    @Override
    public Uni<Void> ended(UUID accountId) {
        return events.accessEnded(accountId);
    }
}
