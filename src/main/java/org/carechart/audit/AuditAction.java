package org.carechart.audit;

import java.util.Locale;

/** What happened, in the audit trail. */
public enum AuditAction {
    READ, SEARCH, CREATE, UPDATE, RETRACT, SHARE, REVOKE, EXPORT, BREAK_GLASS,
    LOGIN, LOGIN_FAILED, LOGOUT, TOKEN_REFRESH, TOKEN_REFUSED;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static java.util.Optional<AuditAction> fromCode(String code) {
        for (AuditAction action : values()) {
            if (action.code().equals(code)) {
                return java.util.Optional.of(action);
            }
        }
        return java.util.Optional.empty();
    }
}
