package org.carechart.audit;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.UniEmitter;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Group commit for audit records: concurrent callers' records are written together, one
 * {@code insert ... select from unnest(...)} statement and one commit (one WAL flush) per batch, on the
 * audit trail's own connections ({@link AuditPool}). Each caller's {@code Uni} completes when its batch
 * has committed, on the caller's own Vert.x context, and fails if the batch failed: an answer waiting on
 * its record is never released before the record is durable.
 * <p>
 * Batching needs no timer: a batch is sent at once when fewer than {@code carechart.audit.writers} are in
 * flight; otherwise records queue up while the database flushes, and the next batch takes everything
 * queued (up to {@code carechart.audit.batch-max}). Under light load a record costs one round trip; under
 * heavy load one commit carries dozens.
 */
@org.carechart.common.OwnConnection("group commit of audit records, outside any unit of work")
@ApplicationScoped
public class AuditWriter {

    /** The columns a writer fills in; the chain columns are the sealer's. */
    static final String COLUMNS = """
            (id, chain_key, occurred_at, actor_id, actor_name, actor_roles, organization_id, acting_for, patient_id,
             action, resource_type, resource_id, query, basis, purpose, outcome, client_address, user_agent)""";

    private static final String INSERT_BATCH = """
            insert into audit_event %s
            select t.id, '', t.at, t.actor, t.name, coalesce(string_to_array(t.roles, ','), '{}'), t.org, t.acting,
                   t.patient, t.action, t.rtype, t.rid, t.q, t.basis, t.purpose, t.outcome, t.addr, t.ua
              from unnest($1::uuid[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::uuid[], $7::uuid[],
                          $8::uuid[], $9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[],
                          $15::text[], $16::text[], $17::text[])
                   as t(id, at, actor, name, roles, org, acting, patient, action, rtype, rid, q, basis, purpose,
                        outcome, addr, ua)
            """.formatted(COLUMNS);


    /** One audit_event row as written (the chain columns are the sealer's). */
    record Row(UUID id, OffsetDateTime occurredAt, UUID actorId, String actorName, String roles, UUID organizationId,
               UUID actingFor, UUID patientId, String action, String resourceType, String resourceId, String query,
               String basis, String purpose, String outcome, String clientAddress, String userAgent) {
    }

    private record Waiting(Row row, Context context, UniEmitter<? super Void> emitter) {
    }

    @Inject
    AuditPool pool;

    @Inject
    AuditSealer sealer;

    @ConfigProperty(name = "carechart.audit.writers", defaultValue = "2")
    int writers;

    @ConfigProperty(name = "carechart.audit.batch-max", defaultValue = "256")
    int batchMax;

    private final ConcurrentLinkedQueue<Waiting> queue = new ConcurrentLinkedQueue<>();
    private final AtomicInteger inFlight = new AtomicInteger();

    /** Completes once the row is durable. */
    Uni<Void> write(Row row) {
        return Uni.createFrom().emitter(emitter -> {
            queue.add(new Waiting(row, Vertx.currentContext(), emitter));
            flushIfIdle();
        });
    }

    private void flushIfIdle() {
        while (!queue.isEmpty()) {
            int now = inFlight.get();
            if (now >= writers) {
                return;
            }
            if (inFlight.compareAndSet(now, now + 1)) {
                flush();
            }
        }
    }

    private void flush() {
        List<Waiting> batch = new ArrayList<>();
        Waiting next;
        while (batch.size() < batchMax && (next = queue.poll()) != null) {
            batch.add(next);
        }
        if (batch.isEmpty()) {
            inFlight.decrementAndGet();
            return;
        }
        pool.pool().preparedQuery(INSERT_BATCH).execute(tuple(batch)).subscribe().with(
                done -> {
                    inFlight.decrementAndGet();
                    batch.forEach(w -> complete(w, null));
                    sealer.written(batch.size());
                    flushIfIdle();
                },
                failure -> {
                    inFlight.decrementAndGet();
                    batch.forEach(w -> complete(w, failure));
                    flushIfIdle();
                });
    }

    private static void complete(Waiting waiting, Throwable failure) {
        Runnable done = failure == null ? () -> waiting.emitter().complete(null) : () -> waiting.emitter().fail(failure);
        if (waiting.context() != null) {
            waiting.context().runOnContext(ignored -> done.run());
        } else {
            done.run();
        }
    }

    private static Tuple tuple(List<Waiting> batch) {
        int n = batch.size();
        UUID[] id = new UUID[n];
        OffsetDateTime[] at = new OffsetDateTime[n];
        UUID[] actor = new UUID[n];
        String[] name = new String[n];
        String[] roles = new String[n];
        UUID[] org = new UUID[n];
        UUID[] acting = new UUID[n];
        UUID[] patient = new UUID[n];
        String[] action = new String[n];
        String[] rtype = new String[n];
        String[] rid = new String[n];
        String[] q = new String[n];
        String[] basis = new String[n];
        String[] purpose = new String[n];
        String[] outcome = new String[n];
        String[] addr = new String[n];
        String[] ua = new String[n];
        for (int i = 0; i < n; i++) {
            Row r = batch.get(i).row();
            id[i] = r.id();
            at[i] = r.occurredAt();
            actor[i] = r.actorId();
            name[i] = r.actorName();
            roles[i] = r.roles();
            org[i] = r.organizationId();
            acting[i] = r.actingFor();
            patient[i] = r.patientId();
            action[i] = r.action();
            rtype[i] = r.resourceType();
            rid[i] = r.resourceId();
            q[i] = r.query();
            basis[i] = r.basis();
            purpose[i] = r.purpose();
            outcome[i] = r.outcome();
            addr[i] = r.clientAddress();
            ua[i] = r.userAgent();
        }
        return Tuple.tuple().addArrayOfUUID(id).addArrayOfOffsetDateTime(at).addArrayOfUUID(actor)
                .addArrayOfString(name).addArrayOfString(roles).addArrayOfUUID(org).addArrayOfUUID(acting)
                .addArrayOfUUID(patient).addArrayOfString(action).addArrayOfString(rtype).addArrayOfString(rid)
                .addArrayOfString(q).addArrayOfString(basis).addArrayOfString(purpose).addArrayOfString(outcome)
                .addArrayOfString(addr).addArrayOfString(ua);
    }
}
