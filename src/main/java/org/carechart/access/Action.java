package org.carechart.access;

/** What a caller wants to do with a patient's data. */
public enum Action {
    /** Read chart data or demographics. */
    READ,
    /** Add, correct or retract chart entries. */
    WRITE,
    /** Ask for a correction of the chart (HIPAA right to amend). */
    REQUEST_AMENDMENT,
    /** Accept or deny an amendment request. */
    DECIDE_AMENDMENT,
    /** Create or revoke grants and share links. */
    SHARE,
    /** Add or end care-team members. */
    MANAGE_CARE_TEAM,
    /** Add or end proxies. */
    MANAGE_PROXIES,
    /** Read who viewed or changed the chart, and the accounting of disclosures. */
    READ_ACCESS_LOG
}
