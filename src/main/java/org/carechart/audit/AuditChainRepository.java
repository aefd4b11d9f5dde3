package org.carechart.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Reads the chains in (chain, seq) order, one keyset batch at a time, so verification walks a
 * trail of any size in constant memory: each seal with the event it seals (null columns when the
 * event row is gone) and the chain's head. Each statement sees one snapshot, and a chain's seals and
 * its head move in one transaction ({@code audit_seal}), so the head read with a chain's last seal matches it.
 * Verification runs on the audit trail's own connections, outside any request transaction.
 */
@org.carechart.common.OwnConnection("verification walks the chains outside any transaction")
@ApplicationScoped
public class AuditChainRepository {

    private static final String BATCH = """
            select s.event_id as id, s.chain_key, s.chain_seq, e.occurred_at, e.actor_id, e.actor_name, e.actor_roles,
                   e.organization_id, e.acting_for, e.patient_id, e.action, e.resource_type, e.resource_id, e.query,
                   e.basis, e.purpose, e.outcome, e.client_address, e.user_agent, s.prev_hash, s.hash, s.alg,
                   e.id is not null as event_present, e.chain_key as event_chain_key,
                   h.last_seq as head_seq, h.last_hash as head_hash
              from audit_seal s
              left join audit_event e on e.id = s.event_id
              left join audit_chain_head h on h.chain_key = s.chain_key
             where (s.chain_key, s.chain_seq) > ($1, $2) %s
             order by s.chain_key, s.chain_seq
             limit $3
            """;

    private static final String HEAD_WITHOUT_SEALS = """
            select h.chain_key, h.last_seq from audit_chain_head h
             where h.last_seq > 0 %s
               and not exists (select 1 from audit_seal s where s.chain_key = h.chain_key)
             limit 1
            """;

    /** An event that is neither sealed nor waiting to be: its queue entry was removed behind the service's back. */
    private static final String LOST_FROM_QUEUE = """
            select e.id, e.chain_key from audit_event e
             where not exists (select 1 from audit_seal s where s.event_id = e.id)
               and not exists (select 1 from audit_pending p where p.event_id = e.id) %s
             limit 1
            """;

    @Inject
    AuditPool pool;

    /** The seals after (chainKey, seq); {@code onlyChain} non-null keeps to that one chain. */
    public Uni<List<ChainRow>> batchAfter(String chainKey, long seq, String onlyChain, int size) {
        String sql = BATCH.formatted(onlyChain == null ? "" : "and s.chain_key = $4");
        Tuple params = Tuple.of(chainKey, seq, size);
        if (onlyChain != null) {
            params.addString(onlyChain);
        }
        return pool.pool().preparedQuery(sql).execute(params).map(rows -> {
            List<ChainRow> batch = new ArrayList<>(rows.size());
            for (Row row : rows) {
                batch.add(row(row));
            }
            return batch;
        });
    }

    /** A chain whose head says it has links but none are left: a whole chain deleted. Null if none. */
    public Uni<String[]> headWithoutSeals(String onlyChain) {
        String sql = HEAD_WITHOUT_SEALS.formatted(onlyChain == null ? "" : "and h.chain_key = $1");
        return first(sql, onlyChain, row -> new String[]{row.getString(0), String.valueOf(row.getLong(1))});
    }

    /** An event neither sealed nor queued for sealing (id, chain), or null. */
    public Uni<String[]> lostFromQueue(String onlyChain) {
        String sql = LOST_FROM_QUEUE.formatted(onlyChain == null ? "" : "and e.chain_key = $1");
        return first(sql, onlyChain, row -> new String[]{row.getUUID(0).toString(), row.getString(1)});
    }

    private Uni<String[]> first(String sql, String onlyChain, java.util.function.Function<Row, String[]> map) {
        Tuple params = onlyChain == null ? Tuple.tuple() : Tuple.of(onlyChain);
        return pool.pool().preparedQuery(sql).execute(params).map(rows -> {
            var it = rows.iterator();
            return it.hasNext() ? map.apply(it.next()) : null;
        });
    }

    private static ChainRow row(Row r) {
        return new ChainRow(r.getUUID("id"), r.getString("chain_key"), r.getLong("chain_seq"),
                r.getOffsetDateTime("occurred_at"), r.getUUID("actor_id"), r.getString("actor_name"),
                r.getArrayOfStrings("actor_roles"), r.getUUID("organization_id"), r.getUUID("acting_for"),
                r.getUUID("patient_id"), r.getString("action"), r.getString("resource_type"),
                r.getString("resource_id"), r.getString("query"), r.getString("basis"), r.getString("purpose"),
                r.getString("outcome"), r.getString("client_address"), r.getString("user_agent"),
                bytes(r, "prev_hash"), bytes(r, "hash"), r.getString("alg"), r.getBoolean("event_present"),
                r.getString("event_chain_key"), r.getLong("head_seq"), bytes(r, "head_hash"));
    }

    /** A pending event as the sealer reads it, placed at {@code seq} of {@code chainKey}. */
    static ChainRow unsealed(Row r, String chainKey, long seq) {
        return new ChainRow(r.getUUID("id"), chainKey, seq,
                r.getOffsetDateTime("occurred_at"), r.getUUID("actor_id"), r.getString("actor_name"),
                r.getArrayOfStrings("actor_roles"), r.getUUID("organization_id"), r.getUUID("acting_for"),
                r.getUUID("patient_id"), r.getString("action"), r.getString("resource_type"),
                r.getString("resource_id"), r.getString("query"), r.getString("basis"), r.getString("purpose"),
                r.getString("outcome"), r.getString("client_address"), r.getString("user_agent"),
                null, null, AuditChain.HMAC_V2, true, chainKey, null, null);
    }

    private static byte[] bytes(Row row, String column) {
        var buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }

    /** Every column the link covers, the link itself, and the chain's head. */
    record ChainRow(UUID id, String chainKey, long chainSeq, OffsetDateTime occurredAt, UUID actorId,
                    String actorName, String[] actorRoles, UUID organizationId, UUID actingFor, UUID patientId,
                    String action, String resourceType, String resourceId, String query, String basis,
                    String purpose, String outcome, String clientAddress, String userAgent, byte[] prevHash,
                    byte[] hash, String alg, boolean eventPresent, String eventChainKey, Long headSeq, byte[] headHash) {
    }
}
