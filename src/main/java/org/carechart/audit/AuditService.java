package org.carechart.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.identity.Role;

import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The sink every layer writes its audit events to. The chain, sequence and hash are filled in by
 * the database (trigger {@code audit_chain_link}), so no writer can forget or forge them.
 */
@ApplicationScoped
public class AuditService {

    private static final String INSERT = """
            insert into audit_event (id, chain_key, chain_seq, occurred_at, actor_id, actor_name, actor_roles,
                                     organization_id, acting_for, patient_id, action, resource_type, resource_id,
                                     query, basis, purpose, outcome, client_address, user_agent, prev_hash, hash)
            values ($1, '', 0, clock_timestamp(), cast($2 as uuid), $3, string_to_array($4, ','), cast($5 as uuid),
                    cast($6 as uuid), cast($7 as uuid),
                    $8, $9, $10, $11, $12, $13, $14, $15, $16, '\\x', '\\x')
            """;

    @Inject
    Pool pool;

    /** Records in the caller's current transaction: the event commits or rolls back with the work it describes. */
    public Uni<Void> record(AuditEntry entry) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(INSERT.replaceAll("\\$(\\d+)", "?$1"));
            Object[] values = values(entry);
            for (int i = 0; i < values.length; i++) {
                query.setParameter(i + 1, values[i]);
            }
            return query.executeUpdate();
        }).replaceWithVoid();
    }

    /**
     * Records on a connection of its own, committed at once: for events that must survive the
     * failure of the request that caused them (denials, failed logins).
     */
    public Uni<Void> recordIndependently(AuditEntry entry) {
        return pool.preparedQuery(INSERT).execute(Tuple.from(values(entry))).replaceWithVoid();
    }

    private static Object[] values(AuditEntry e) {
        var caller = e.caller();
        String roles = caller.roles().stream().map(Role::claim).sorted().collect(Collectors.joining(","));
        return new Object[]{
                UUID.randomUUID(), caller.accountId(), caller.displayName(), roles, caller.organizationId(),
                e.actingFor(), e.patientId(), e.action().code(), e.resourceType(), e.resourceId(), e.query(),
                e.basis(), e.purpose(), e.outcome().code(), caller.client().address(), caller.client().userAgent()};
    }

}
