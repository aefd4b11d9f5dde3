package org.carechart.audit;

import java.util.Locale;

/** What happened, in the audit trail. */
public enum AuditAction {
    READ, SEARCH, CREATE, UPDATE, RETRACT, SHARE, REVOKE, EXPORT, BREAK_GLASS,
    LOGIN, LOGIN_FAILED, LOGOUT, TOKEN_REFRESH;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
