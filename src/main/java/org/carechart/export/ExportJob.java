package org.carechart.export;

import org.carechart.common.SqlRow;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** One export_job row, read by column name. */
record ExportJob(UUID id, String clientId, UUID accountId, String caller, String level, String groupId, List<String> types,
                 Instant since, String outputFormat, String requestUrl, String baseUrl, boolean deidentify, String status,
                 String leaseOwner, Instant leaseUntil, UUID lastPatientId, int patientsDone, Integer patientsTotal,
                 long resourcesDone, Instant transactionTime, Instant createdAt, Instant finishedAt, Instant expiresAt,
                 String error) {

    static final String COLUMNS = "j.id, j.client_id, j.account_id, cast(j.caller as text) as caller, j.level, j.group_id,"
            + " array_to_string(j.types, ',') as types, j.since, j.output_format, j.request_url, j.base_url, j.deidentify,"
            + " j.status, j.lease_owner, j.lease_until, j.last_patient_id, j.patients_done, j.patients_total,"
            + " j.resources_done, j.transaction_time, j.created_at, j.finished_at, j.expires_at, j.error";

    static ExportJob from(SqlRow r) {
        String types = r.text("types");
        Long total = r.nullableNumber("patients_total");
        return new ExportJob(r.uuid("id"), r.text("client_id"), r.uuid("account_id"), r.text("caller"), r.text("level"),
                r.text("group_id"), types == null || types.isEmpty() ? List.of() : Arrays.asList(types.split(",")),
                r.instant("since"), r.text("output_format"), r.text("request_url"), r.text("base_url"), r.bool("deidentify"),
                r.text("status"), r.text("lease_owner"), r.instant("lease_until"), r.uuid("last_patient_id"),
                r.integer("patients_done"), total == null ? null : total.intValue(), r.number("resources_done"),
                r.instant("transaction_time"), r.instant("created_at"), r.instant("finished_at"), r.instant("expires_at"),
                r.text("error"));
    }

    boolean finished() {
        return "complete".equals(status) || "failed".equals(status);
    }
}
