package org.carechart.audit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
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
 * trail of any size in constant memory. Each statement sees one snapshot, and an event and its
 * chain head are written in one transaction, so the head read with a chain's last event matches it.
 */
@ApplicationScoped
public class AuditChainRepository {

    private static final String BATCH = """
            select e.id, e.chain_key, e.chain_seq, e.occurred_at, e.actor_id, e.actor_name, e.actor_roles,
                   e.organization_id, e.acting_for, e.patient_id, e.action, e.resource_type, e.resource_id, e.query,
                   e.basis, e.purpose, e.outcome, e.client_address, e.user_agent, e.prev_hash, e.hash,
                   h.last_seq as head_seq, h.last_hash as head_hash
              from audit_event e
              left join audit_chain_head h on h.chain_key = e.chain_key
             where (e.chain_key, e.chain_seq) > ($1, $2) %s
             order by e.chain_key, e.chain_seq
             limit $3
            """;

    private static final String HEAD_WITHOUT_EVENTS = """
            select h.chain_key, h.last_seq from audit_chain_head h
             where h.last_seq > 0 %s
               and not exists (select 1 from audit_event e where e.chain_key = h.chain_key)
             limit 1
            """;

    @Inject
    Pool pool;

    /** The events after (chainKey, seq); {@code onlyChain} non-null keeps to that one chain. */
    public Uni<List<ChainRow>> batchAfter(String chainKey, long seq, String onlyChain, int size) {
        String sql = BATCH.formatted(onlyChain == null ? "" : "and e.chain_key = $4");
        Tuple params = Tuple.of(chainKey, seq, size);
        if (onlyChain != null) {
            params.addString(onlyChain);
        }
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            List<ChainRow> batch = new ArrayList<>(rows.size());
            for (Row row : rows) {
                batch.add(row(row));
            }
            return batch;
        });
    }

    /** A chain whose head says it has events but none are left: a whole chain deleted. Null if none. */
    public Uni<String[]> headWithoutEvents(String onlyChain) {
        String sql = HEAD_WITHOUT_EVENTS.formatted(onlyChain == null ? "" : "and h.chain_key = $1");
        Tuple params = onlyChain == null ? Tuple.tuple() : Tuple.of(onlyChain);
        return pool.preparedQuery(sql).execute(params).map(rows -> {
            var it = rows.iterator();
            if (!it.hasNext()) {
                return null;
            }
            Row row = it.next();
            return new String[]{row.getString(0), String.valueOf(row.getLong(1))};
        });
    }

    private static ChainRow row(Row r) {
        return new ChainRow(r.getUUID("id"), r.getString("chain_key"), r.getLong("chain_seq"),
                r.getOffsetDateTime("occurred_at"), r.getUUID("actor_id"), r.getString("actor_name"),
                r.getArrayOfStrings("actor_roles"), r.getUUID("organization_id"), r.getUUID("acting_for"),
                r.getUUID("patient_id"), r.getString("action"), r.getString("resource_type"),
                r.getString("resource_id"), r.getString("query"), r.getString("basis"), r.getString("purpose"),
                r.getString("outcome"), r.getString("client_address"), r.getString("user_agent"),
                bytes(r, "prev_hash"), bytes(r, "hash"), r.getLong("head_seq"), bytes(r, "head_hash"));
    }

    private static byte[] bytes(Row row, String column) {
        var buffer = row.getBuffer(column);
        return buffer == null ? null : buffer.getBytes();
    }

    /** Every column the hash covers, plus the links and the chain's head. */
    record ChainRow(UUID id, String chainKey, long chainSeq, OffsetDateTime occurredAt, UUID actorId,
                    String actorName, String[] actorRoles, UUID organizationId, UUID actingFor, UUID patientId,
                    String action, String resourceType, String resourceId, String query, String basis,
                    String purpose, String outcome, String clientAddress, String userAgent, byte[] prevHash,
                    byte[] hash, Long headSeq, byte[] headHash) {
    }
}
