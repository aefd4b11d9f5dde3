package org.carechart.identity;

import io.smallrye.mutiny.Uni;

/**
 * Where the issuer reports sign-ins. Implemented by the audit trail, which sits above identity:
 * identity names what it needs and audit provides it, so the layers keep pointing one way.
 */
public interface SignInAudit {

    /** Records the attempt, committed on its own: a failed sign-in rolls nothing back. */
    Uni<Void> record(SignInAttempt attempt);
}
