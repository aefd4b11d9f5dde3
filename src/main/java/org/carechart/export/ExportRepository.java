package org.carechart.export;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.access.AccessPolicy;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Queries of bulk export: its own tables (jobs, files) and, for group membership, the patient and
 * grant tables through the conditions the access policy publishes ({@link AccessPolicy#grantInForceSql},
 * {@code PatientListScope}). Membership only nominates patients; each one is decided by the policy
 * when its chunk runs.
 */
@ApplicationScoped
public class ExportRepository {

    private static final String JOB = "select " + ExportJob.COLUMNS + " from export_job j";

    /** Patients of an organization. */
    static final String ORGANIZATION_MEMBERS = "p.organization_id = :organization";

    /** Patients with a grant in force to the grantee (an app's account or its organization). */
    static final String CONSENTED_MEMBERS = "exists(select 1 from access_grant g where g.patient_id = p.id"
            + " and (g.grantee_id = :grantee or g.grantee_id = :granteeOrganization) and " + AccessPolicy.grantInForceSql("g") + ")";

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    // --------------------------------------------------------------- jobs

    Uni<Void> insert(UUID id, String clientId, UUID accountId, String callerJson, String level, String groupId,
                     List<String> types, Instant since, String outputFormat, String requestUrl, String baseUrl,
                     boolean deidentify, Instant transactionTime) {
        return Sql.of("""
                        insert into export_job (id, client_id, account_id, caller, level, group_id, types, since, output_format,
                                                request_url, base_url, deidentify, status, transaction_time)
                        values (:id, cast(:clientId as text), :account, cast(cast(:caller as text) as jsonb), :level,
                                cast(:groupId as text), string_to_array(:types, ','), cast(:since as timestamptz), :format,
                                :requestUrl, :baseUrl, :deidentify, 'queued', :transactionTime)""")
                .bind("id", id).bind("clientId", clientId).bind("account", accountId).bind("caller", callerJson)
                .bind("level", level).bind("groupId", groupId).bind("types", String.join(",", types))
                .bind("since", utc(since)).bind("format", outputFormat).bind("requestUrl", requestUrl)
                .bind("baseUrl", baseUrl).bind("deidentify", deidentify).bind("transactionTime", utc(transactionTime))
                .execute().replaceWithVoid();
    }

    /** Jobs of this account queued or running now, the row of each locked so two kick-offs count each other. */
    Uni<Long> activeJobs(UUID accountId) {
        return Sql.of("select count(*) as n from export_job where account_id = :account and status in ('queued', 'running')")
                .bind("account", accountId).first(r -> r.number("n")).map(n -> n.orElse(0L));
    }

    /** Serializes the kick-offs of one account, so the per-client bound holds under concurrent requests. */
    Uni<Void> lockAccount(UUID accountId) {
        return Sql.of("select 1 as locked from (select pg_advisory_xact_lock(hashtextextended(cast(:a as text), 17))) l")
                .bind("a", "export:" + accountId).list(r -> r).replaceWithVoid();
    }

    Uni<Optional<ExportJob>> job(UUID id) {
        return Sql.of(JOB + " where j.id = :id").bind("id", id).first(ExportJob::from);
    }

    /**
     * Takes one job that is queued, or running under a lease that ran out (its instance died), and
     * leases it to {@code owner}; SKIP LOCKED so instances never wait for each other.
     */
    Uni<Optional<ExportJob>> claim(String owner, long leaseMillis) {
        return Sql.of("""
                        update export_job j set status = 'running', lease_owner = :owner,
                               lease_until = now() + cast(:lease as bigint) * interval '1 millisecond', heartbeat_at = now()
                         where j.id = (select id from export_job
                                        where status in ('queued', 'running') and (lease_until is null or lease_until < now())
                                        order by created_at limit 1 for update skip locked)
                        returning\s""" + ExportJob.COLUMNS)
                .bind("owner", owner).bind("lease", leaseMillis).first(ExportJob::from);
    }

    /**
     * Renews the lease at the start of a chunk and locks the job's row until the chunk commits, so no
     * other instance can claim the job (its claim skips locked rows) while this one writes its files.
     */
    Uni<Integer> renew(UUID jobId, String owner, long leaseMillis) {
        return Sql.of("""
                        update export_job set heartbeat_at = now(),
                               lease_until = now() + cast(:lease as bigint) * interval '1 millisecond'
                         where id = :id and lease_owner = :owner and status = 'running'""")
                .bind("id", jobId).bind("owner", owner).bind("lease", leaseMillis).execute();
    }

    /**
     * The checkpoint of one chunk: the job moves past {@code lastPatient} and keeps its lease, only
     * while {@code owner} still holds it and nobody cancelled it; 0 rows otherwise (the chunk then rolls back).
     */
    Uni<Integer> checkpoint(UUID jobId, String owner, long leaseMillis, UUID lastPatient, int patients, long resources) {
        return Sql.of("""
                        update export_job set last_patient_id = :last, patients_done = patients_done + :patients,
                               resources_done = resources_done + :resources, heartbeat_at = now(),
                               lease_until = now() + cast(:lease as bigint) * interval '1 millisecond'
                         where id = :id and lease_owner = :owner and status = 'running'""")
                .bind("id", jobId).bind("owner", owner).bind("lease", leaseMillis).bind("last", lastPatient)
                .bind("patients", patients).bind("resources", resources).execute();
    }

    Uni<Integer> total(UUID jobId, String owner, int total) {
        return Sql.of("update export_job set patients_total = :total where id = :id and lease_owner = :owner")
                .bind("id", jobId).bind("owner", owner).bind("total", total).execute();
    }

    Uni<Integer> complete(UUID jobId, String owner, Instant expiresAt) {
        return Sql.of("""
                        update export_job set status = 'complete', finished_at = now(), expires_at = :expires,
                               lease_owner = null, lease_until = null
                         where id = :id and lease_owner = :owner and status = 'running'""")
                .bind("id", jobId).bind("owner", owner).bind("expires", utc(expiresAt)).execute();
    }

    Uni<Integer> fail(UUID jobId, String error, Instant expiresAt) {
        return Sql.of("""
                        update export_job set status = 'failed', finished_at = now(), expires_at = :expires, error = :error,
                               lease_owner = null, lease_until = null
                         where id = :id and status in ('queued', 'running')""")
                .bind("id", jobId).bind("error", error).bind("expires", utc(expiresAt)).execute();
    }

    Uni<Integer> cancel(UUID jobId) {
        return Sql.of("update export_job set status = 'cancelled', finished_at = now() where id = :id and status <> 'cancelled'")
                .bind("id", jobId).execute();
    }

    /** Jobs whose files may go: expired, or cancelled and not leased by a live instance. */
    Uni<List<UUID>> removable(int limit) {
        return Sql.of("""
                        select id from export_job
                         where (expires_at is not null and expires_at < now())
                            or (status = 'cancelled' and (lease_until is null or lease_until < now()))
                         order by created_at limit :limit""")
                .bind("limit", limit).list(r -> r.uuid("id"));
    }

    Uni<Integer> delete(UUID jobId) {
        return Sql.of("delete from export_job where id = :id").bind("id", jobId).execute();
    }

    // --------------------------------------------------------------- files

    Uni<List<ExportFile>> files(UUID jobId) {
        return Sql.of("select " + ExportFile.COLUMNS + " from export_file f where f.job_id = :id order by f.type")
                .bind("id", jobId).list(ExportFile::from);
    }

    Uni<Void> saveFile(ExportFile file) {
        return Sql.of("""
                        insert into export_file (job_id, type, file_name, bytes, count) values (:job, :type, :name, :bytes, :count)
                        on conflict (job_id, type) do update set bytes = excluded.bytes, count = excluded.count""")
                .bind("job", file.jobId()).bind("type", file.type()).bind("name", file.fileName())
                .bind("bytes", file.bytes()).bind("count", file.count()).execute().replaceWithVoid();
    }

    // --------------------------------------------------------------- membership

    /** The next patients after {@code after} (id order) that satisfy {@code condition} on patient {@code p}. */
    Uni<List<UUID>> patients(Membership membership, UUID after, int limit) {
        return membership.bind(Sql.of("select p.id from patient p where p.id > :after and " + membership.condition()
                        + " order by p.id limit :limit"))
                .bind("after", after == null ? new UUID(0, 0) : after).bind("limit", limit).list(r -> r.uuid("id"));
    }

    Uni<Long> count(Membership membership) {
        return membership.bind(Sql.of("select count(*) as n from patient p where " + membership.condition()))
                .first(r -> r.number("n")).map(n -> n.orElse(0L));
    }

    Uni<Optional<String>> organizationName(UUID organization) {
        return Sql.of("select name from organization where id = :id").bind("id", organization).first(r -> r.text("name"));
    }

    /** Whether the registered app receives de-identified data only (oauth_client.deidentified_export). */
    Uni<Boolean> deidentifiedExport(String clientId) {
        if (clientId == null) {
            return Uni.createFrom().item(false);
        }
        return Sql.of("select deidentified_export from oauth_client where client_id = :id").bind("id", clientId)
                .first(r -> r.bool("deidentified_export")).map(found -> found.orElse(false));
    }

    /** The name of a registered app, by its account. */
    Uni<Optional<String>> appName(UUID account) {
        return Sql.of("select name from oauth_client where account_id = :id").bind("id", account).first(r -> r.text("name"));
    }

    /** A set of patients as a SQL condition on {@code p} and its parameters. */
    record Membership(String condition, java.util.Map<String, Object> params) {
        Sql bind(Sql sql) {
            return sql.bindAll(params);
        }
    }

}
