package org.carechart.identity;

import io.smallrye.mutiny.Uni;

import java.util.UUID;

/**
 * Told when an account's sessions end (disabled, roles changed, linked to a patient, signed out
 * everywhere), in the transaction of the change: live streams are no request, so the per-request
 * {@link AccountStatus} check never sees them; the implementation (notification, above identity) closes
 * the account's open streams on every instance, and their reconnects then meet the status check.
 */
public interface SessionEnds {

    Uni<Void> ended(UUID accountId);
}
