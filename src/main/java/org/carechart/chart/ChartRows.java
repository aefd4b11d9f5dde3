package org.carechart.chart;

import org.carechart.common.SqlRow;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** The chart's other rows, each read by column name in one place. */
final class ChartRows {

    private ChartRows() {
    }

    /** One chart_entry_version row with its reason, amendment and author's name. */
    record VersionRow(ChartEntryRow entry, String reason, UUID amendmentId, String authorName) {

        /** chart_entry_version aliased {@code v}, named like chart_entry's columns, and account {@code a}. */
        static final String COLUMNS = "v.entry_id as id, v.patient_id, v.category, v.version, v.status, v.code_system,"
                + " v.code, v.display, v.effective_at, v.recorded_at, v.value_quantity, v.value_unit, v.value_text,"
                + " v.reference_low, v.reference_high, v.interpretation, v.body, v.document_id, v.sensitive,"
                + " v.author_id, v.written_at as updated_at, 0 as change_seq, v.reason, v.amendment_id,"
                + " a.display_name as author_name";

        static VersionRow from(SqlRow r) {
            return new VersionRow(ChartEntryRow.from(r), r.text("reason"), r.uuid("amendment_id"), r.text("author_name"));
        }
    }

    /** An amendment request as the entry's history shows it (amendment_request aliased {@code r}). */
    record AmendmentOfEntry(UUID id, String status, Instant requestedAt, String reason, Instant decidedAt,
                            String decisionReason, String disagreement, Instant disagreementAt) {

        static final String COLUMNS = "r.id, r.status, r.requested_at, r.reason, r.decided_at, r.decision_reason,"
                + " r.disagreement, r.disagreement_at";

        static AmendmentOfEntry from(SqlRow r) {
            return new AmendmentOfEntry(r.uuid("id"), r.text("status"), r.instant("requested_at"), r.text("reason"),
                    r.instant("decided_at"), r.text("decision_reason"), r.text("disagreement"),
                    r.instant("disagreement_at"));
        }
    }

    /** A stored document and the state of the entry that points at it. */
    record DocumentRow(String contentType, long sizeBytes, byte[] sha256, String fileName, byte[] content,
                       Instant createdAt, UUID entryId, String entryStatus, boolean sensitive) {

        static final String COLUMNS = "d.content_type, d.size_bytes, d.sha256, d.file_name, d.content, d.created_at,"
                + " e.id as entry_id, e.status as entry_status, e.sensitive";

        static DocumentRow from(SqlRow r) {
            return new DocumentRow(r.text("content_type"), r.number("size_bytes"), r.bytes("sha256"), r.text("file_name"),
                    r.bytes("content"), r.instant("created_at"), r.uuid("entry_id"), r.text("entry_status"),
                    r.bool("sensitive"));
        }
    }

    /** A claimed idempotency key and, once its request finished, the answer it got. */
    record KeyRow(String requestHash, Integer status, String location, String body, String etag) {

        static final String COLUMNS = "request_hash, status, location, body, etag";

        static KeyRow from(SqlRow r) {
            Long status = r.nullableNumber("status");
            return new KeyRow(r.text("request_hash"), status == null ? null : status.intValue(), r.text("location"),
                    r.text("body"), r.text("etag"));
        }
    }

    /** Name, birth date and sex from the patient table, as the summary shows them. */
    record Demographics(String givenName, String familyName, LocalDate birthDate, String sex) {
    }
}
