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
    /** Create grants and share links (the patient's decision). */
    SHARE,
    /** List the patient's grants and share links. */
    LIST_SHARING,
    /** Revoke a grant or share link (the patient, a proxy, or records staff of the patient's organization). */
    REVOKE_SHARING,
    /** Link a login account to the patient (identity proofing by records staff of the patient's organization). */
    LINK_ACCOUNT,
    /** Add or end care-team members. */
    MANAGE_CARE_TEAM,
    /** Add or end proxies. */
    MANAGE_PROXIES,
    /** Read who viewed or changed the chart, and the accounting of disclosures. */
    READ_ACCESS_LOG
}
