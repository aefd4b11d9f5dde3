package org.carechart.identity;

import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;

/** 423 with the seconds until the lock lifts, which the token resource sends as Retry-After. */
public class AccountLockedException extends ProblemException {

    private final long retryAfterSeconds;

    public AccountLockedException(long retryAfterSeconds) {
        super(ProblemType.LOCKED, "Too many failed sign-ins: this account is locked for a while. Try again later or ask an administrator.");
        this.retryAfterSeconds = Math.max(1, retryAfterSeconds);
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
