package org.carechart.notification;

import java.util.Locale;

/** What a notification announces. */
public enum EventKind {
    ENTRY_ADDED, ENTRY_CHANGED, ENTRY_RETRACTED, LAB_RESULT_ADDED, DOCUMENT_ADDED, AMENDMENT_DECIDED,
    GRANT_CREATED, GRANT_REVOKED, GRANT_EXPIRED, SHARE_LINK_USED, BREAK_GLASS_ACCESS;

    public String code() {
        return name().toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
