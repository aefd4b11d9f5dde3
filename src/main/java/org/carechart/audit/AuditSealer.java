package org.carechart.audit;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.carechart.audit.AuditChainRepository.ChainRow;
import org.carechart.common.DatabaseStatus;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Seals audit events into their chains, off the request path: takes the queued (pending) events in the
 * order they were written, gives each the next sequence number of its chain, links it to its
 * predecessor with HMAC-SHA256 under the service's {@link AuditChainKey}, and hands the links to the
 * database function {@code audit_seal} (V80), which appends them only if each chain continues exactly
 * from its head. One sealer runs at a time across all instances (a transaction-scoped advisory lock);
 * the others find the lock taken and skip the pass.
 * <p>
 * A pass runs every {@code carechart.audit.seal-interval} (default 200 ms), and at once when the group
 * commits of this instance have written {@code carechart.audit.seal-eager} (default 256) events since the
 * last pass. Before issue 12's measurement a pass started after <em>every</em> group commit: at a few
 * reads per commit that was a second transaction (advisory lock, pending read, heads read, {@code audit_seal},
 * WAL flush) for every audit commit, about as costly in PostgreSQL as the reads themselves; sealing a
 * fifth of a second's events in one pass costs the same statements once.
 */
@org.carechart.common.OwnConnection("seals audit chains in the background")
@ApplicationScoped
public class AuditSealer {

    private static final Logger LOG = Logger.getLogger(AuditSealer.class);
    static final int BATCH = 1000;
    private static final long LOCK = 0x6361726563686172L; // "carechar"

    private static final String PENDING = """
            select e.id, p.chain_key, e.occurred_at, e.actor_id, e.actor_name, e.actor_roles, e.organization_id,
                   e.acting_for, e.patient_id, e.action, e.resource_type, e.resource_id, e.query, e.basis, e.purpose,
                   e.outcome, e.client_address, e.user_agent
              from audit_pending p join audit_event e on e.id = p.event_id
             order by p.entry_no
             limit $1
            """;
    private static final String HEADS = "select chain_key, last_seq, last_hash from audit_chain_head where chain_key = any($1)";
    private static final String SEAL = "select audit_seal($1, $2, $3, $4, $5, $6, $7)";

    @Inject
    AuditPool pool;

    @Inject
    AuditChainKey key;

    @Inject
    Vertx vertx;

    @Inject
    DatabaseStatus database;

    @ConfigProperty(name = "carechart.audit.seal-interval", defaultValue = "PT0.2S")
    Duration interval;

    @ConfigProperty(name = "carechart.audit.seal-eager", defaultValue = "256")
    int eager;

    private final AtomicBoolean running = new AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicInteger unsealed = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean again;
    private volatile boolean failing;
    private long timer = -1;

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(Math.max(20, interval.toMillis()), id -> soon());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** A group commit wrote {@code count} events: seal early only when a batch-worth waits. */
    void written(int count) {
        if (unsealed.addAndGet(count) >= eager) {
            soon();
        }
    }

    /** Starts a pass unless one is running; a running pass then goes round once more. */
    void soon() {
        if (database.isDown()) {
            return; // sealed when it is back: nothing is lost, the queue is in the database
        }
        if (!running.compareAndSet(false, true)) {
            again = true;
            return;
        }
        again = false;
        unsealed.set(0);
        pass().subscribe().with(sealed -> {
            running.set(false);
            if (failing) {
                failing = false;
                LOG.info("Audit sealing resumed");
            }
            if (sealed == BATCH || again) {
                soon();
            }
        }, failure -> {
            running.set(false);
            if (DatabaseStatus.isOutage(failure)) {
                // The database's absence is DatabaseStatus's one log line; the queue waits in the database.
                database.unreachable(failure);
                failing = false;
            } else if (!failing) {
                failing = true;
                LOG.warnf("Audit sealing paused (%s); unsealed events stay queued and are sealed when it resumes",
                        failure.getClass().getSimpleName());
            }
        });
    }

    /**
     * Seals everything that was pending when it was called (verification asks first, so it sees a trail
     * with nothing waiting). Gives up after about two seconds of another instance holding the lock.
     */
    Uni<Void> drain() {
        return drain(0);
    }

    private Uni<Void> drain(int attempt) {
        return pass().chain(sealed -> {
            if (sealed == BATCH || (sealed < 0 && attempt < 100)) {
                Uni<Void> pause = sealed < 0 ? Uni.createFrom().voidItem().onItem().delayIt().by(Duration.ofMillis(20))
                        : Uni.createFrom().voidItem();
                return pause.chain(() -> drain(attempt + 1));
            }
            return Uni.createFrom().voidItem();
        });
    }

    /** One batch: the number of events sealed, or -1 when another sealer holds the lock. */
    Uni<Integer> pass() {
        return pool.pool().withTransaction(connection -> connection
                .preparedQuery("select pg_try_advisory_xact_lock($1)").execute(Tuple.of(LOCK))
                .chain(locked -> locked.iterator().next().getBoolean(0)
                        ? sealBatch(connection) : Uni.createFrom().item(-1)));
    }

    private Uni<Integer> sealBatch(SqlConnection connection) {
        return connection.preparedQuery(PENDING).execute(Tuple.of(BATCH)).chain(rows -> {
            if (rows.size() == 0) {
                return Uni.createFrom().item(0);
            }
            List<Row> pending = new ArrayList<>(rows.size());
            rows.forEach(pending::add);
            String[] chains = pending.stream().map(r -> r.getString("chain_key")).distinct().toArray(String[]::new);
            return connection.preparedQuery(HEADS).execute(Tuple.of(chains)).chain(headRows -> {
                Map<String, Object[]> heads = new HashMap<>();
                headRows.forEach(h -> heads.put(h.getString(0), new Object[]{h.getLong(1), h.getBuffer(2).getBytes()}));
                return connection.preparedQuery(SEAL).execute(links(pending, heads)).map(ignored -> pending.size());
            });
        });
    }

    private Tuple links(List<Row> pending, Map<String, Object[]> heads) {
        int n = pending.size();
        String[] chain = new String[n];
        Long[] seq = new Long[n];
        java.util.UUID[] event = new java.util.UUID[n];
        io.vertx.core.buffer.Buffer[] prev = new io.vertx.core.buffer.Buffer[n];
        io.vertx.core.buffer.Buffer[] hash = new io.vertx.core.buffer.Buffer[n];
        for (int i = 0; i < n; i++) {
            Row r = pending.get(i);
            String chainKey = r.getString("chain_key");
            Object[] head = heads.getOrDefault(chainKey, new Object[]{0L, new byte[0]});
            long nextSeq = (Long) head[0] + 1;
            byte[] prevHash = (byte[]) head[1];
            ChainRow row = AuditChainRepository.unsealed(r, chainKey, nextSeq);
            byte[] link = AuditChain.hmac(prevHash, row, key);
            heads.put(chainKey, new Object[]{nextSeq, link});
            chain[i] = chainKey;
            seq[i] = nextSeq;
            event[i] = row.id();
            prev[i] = io.vertx.core.buffer.Buffer.buffer(prevHash);
            hash[i] = io.vertx.core.buffer.Buffer.buffer(link);
        }
        return Tuple.tuple().addArrayOfString(chain).addArrayOfLong(seq).addArrayOfUUID(event)
                .addValue(prev).addValue(hash).addString(AuditChain.HMAC_V2).addString(key.keyId());
    }
}
