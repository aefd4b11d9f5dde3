package org.carechart.amendment;

import org.carechart.common.SqlRow;

import java.time.Instant;
import java.util.UUID;

/** One amendment_request row, with the sensitivity and category of the entry it is about; never leaves the package. */
record AmendmentRow(UUID id, UUID patientId, UUID entryId, String status, String reason, Instant requestedAt,
                    Instant dueAt, String requestedByName, Instant decidedAt, String decidedByName,
                    String decisionReason, String disagreement, Instant disagreementAt, boolean entrySensitive,
                    Integer entryVersion, String entryCategory) {

    static final String COLUMNS = "r.id, r.patient_id, r.entry_id, r.status, r.reason, r.requested_at, r.due_at,"
            + " r.requested_by_name, r.decided_at, r.decided_by_name, r.decision_reason, r.disagreement,"
            + " r.disagreement_at, e.sensitive as entry_sensitive,"
            + " (select max(v.version) from chart_entry_version v where v.entry_id = r.entry_id and v.amendment_id = r.id)"
            + " as entry_version, e.category as entry_category";

    static AmendmentRow from(SqlRow r) {
        Long version = r.nullableNumber("entry_version");
        return new AmendmentRow(r.uuid("id"), r.uuid("patient_id"), r.uuid("entry_id"), r.text("status"),
                r.text("reason"), r.instant("requested_at"), r.instant("due_at"), r.text("requested_by_name"),
                r.instant("decided_at"), r.text("decided_by_name"), r.text("decision_reason"), r.text("disagreement"),
                r.instant("disagreement_at"), r.bool("entry_sensitive"), version == null ? null : version.intValue(),
                r.text("entry_category"));
    }
}
