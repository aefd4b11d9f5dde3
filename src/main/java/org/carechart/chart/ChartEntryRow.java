package org.carechart.chart;

import org.carechart.common.SqlRow;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/**
 * One chart entry as stored (the current view or one version); never leaves the chart package.
 * {@link #from} is the one place a chart_entry row becomes this record: by column name, so a query
 * may select the columns in any order (and chart_entry_version rows alias theirs to these names).
 */
record ChartEntryRow(UUID id, UUID patientId, String category, int version, String status, String codeSystem,
                     String code, String display, Instant effectiveAt, Instant recordedAt, BigDecimal valueQuantity,
                     String valueUnit, String valueText, BigDecimal referenceLow, BigDecimal referenceHigh,
                     String interpretation, String body, UUID documentId, boolean sensitive, UUID authorId,
                     Instant updatedAt, long changeSeq) {

    /** The columns {@link #from} reads, of chart_entry aliased {@code e}. */
    static final String COLUMNS = "e.id, e.patient_id, e.category, e.version, e.status, e.code_system, e.code, "
            + "e.display, e.effective_at, e.recorded_at, e.value_quantity, e.value_unit, e.value_text, "
            + "e.reference_low, e.reference_high, e.interpretation, e.body, e.document_id, e.sensitive, e.author_id, "
            + "e.updated_at, e.change_seq";

    static ChartEntryRow from(SqlRow r) {
        return new ChartEntryRow(r.uuid("id"), r.uuid("patient_id"), r.text("category"), r.integer("version"),
                r.text("status"), r.text("code_system"), r.text("code"), r.text("display"), r.instant("effective_at"),
                r.instant("recorded_at"), r.decimal("value_quantity"), r.text("value_unit"), r.text("value_text"),
                r.decimal("reference_low"), r.decimal("reference_high"), r.text("interpretation"), r.text("body"),
                r.uuid("document_id"), r.bool("sensitive"), r.uuid("author_id"), r.instant("updated_at"),
                r.number("change_seq"));
    }

    ChartEntryRow withStatus(String newStatus) {
        return new ChartEntryRow(id, patientId, category, version, newStatus, codeSystem, code, display, effectiveAt,
                recordedAt, valueQuantity, valueUnit, valueText, referenceLow, referenceHigh, interpretation, body,
                documentId, sensitive, authorId, updatedAt, changeSeq);
    }

    /** The next version of this entry, written by {@code author} at {@code at}. */
    ChartEntryRow nextVersion(UUID author, Instant at) {
        return new ChartEntryRow(id, patientId, category, version + 1, status, codeSystem, code, display, effectiveAt,
                recordedAt, valueQuantity, valueUnit, valueText, referenceLow, referenceHigh, interpretation, body,
                documentId, sensitive, author, at, changeSeq);
    }
}
