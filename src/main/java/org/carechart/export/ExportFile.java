package org.carechart.export;

import org.carechart.common.SqlRow;

import java.util.UUID;

/** One export_file row: a type's NDJSON file as of the job's last checkpoint. */
record ExportFile(UUID jobId, String type, String fileName, long bytes, long count) {

    static final String COLUMNS = "f.job_id, f.type, f.file_name, f.bytes, f.count";

    static ExportFile from(SqlRow r) {
        return new ExportFile(r.uuid("job_id"), r.text("type"), r.text("file_name"), r.number("bytes"), r.number("count"));
    }
}
