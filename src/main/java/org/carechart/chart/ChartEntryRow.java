package org.carechart.chart;

import org.carechart.common.Rows;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** One chart entry as stored (the current view or one version); never leaves the chart package. */
record ChartEntryRow(UUID id, UUID patientId, String category, int version, String status, String codeSystem,
                     String code, String display, Instant effectiveAt, Instant recordedAt, BigDecimal valueQuantity,
                     String valueUnit, String valueText, BigDecimal referenceLow, BigDecimal referenceHigh,
                     String interpretation, String body, UUID documentId, boolean sensitive, UUID authorId,
                     Instant updatedAt, long changeSeq) {

    static final int COLUMN_COUNT = 22;

    static ChartEntryRow of(Object[] row) {
        return new ChartEntryRow(Rows.uuid(row[0]), Rows.uuid(row[1]), Rows.text(row[2]), (int) Rows.number(row[3]),
                Rows.text(row[4]), Rows.text(row[5]), Rows.text(row[6]), Rows.text(row[7]), Rows.instant(row[8]),
                Rows.instant(row[9]), Rows.decimal(row[10]), Rows.text(row[11]), Rows.text(row[12]),
                Rows.decimal(row[13]), Rows.decimal(row[14]), Rows.text(row[15]), Rows.text(row[16]),
                Rows.uuid(row[17]), Rows.bool(row[18]), Rows.uuid(row[19]), Rows.instant(row[20]),
                Rows.number(row[21]));
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
