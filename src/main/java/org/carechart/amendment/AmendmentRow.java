package org.carechart.amendment;

import org.carechart.common.Rows;

import java.time.Instant;
import java.util.UUID;

/** One amendment_request row, with the sensitivity and category of the entry it is about; never leaves the package. */
record AmendmentRow(UUID id, UUID patientId, UUID entryId, String status, String reason, Instant requestedAt,
                    Instant dueAt, String requestedByName, Instant decidedAt, String decidedByName,
                    String decisionReason, String disagreement, Instant disagreementAt, boolean entrySensitive,
                    Integer entryVersion, String entryCategory) {

    static final String COLUMNS = "r.id, r.patient_id, r.entry_id, r.status, r.reason, r.requested_at, r.due_at,"
            + " r.requested_by_name, r.decided_at, r.decided_by_name, r.decision_reason, r.disagreement,"
            + " r.disagreement_at, e.sensitive,"
            + " (select max(v.version) from chart_entry_version v where v.entry_id = r.entry_id and v.amendment_id = r.id),"
            + " e.category";

    static AmendmentRow of(Object[] r) {
        return new AmendmentRow((UUID) r[0], (UUID) r[1], (UUID) r[2], (String) r[3], (String) r[4], Rows.instant(r[5]),
                Rows.instant(r[6]), (String) r[7], Rows.instant(r[8]), (String) r[9], (String) r[10], (String) r[11],
                Rows.instant(r[12]), r[13] != null && (Boolean) r[13], r[14] == null ? null : ((Number) r[14]).intValue(),
                (String) r[15]);
    }
}
