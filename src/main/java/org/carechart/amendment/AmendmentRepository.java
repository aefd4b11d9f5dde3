package org.carechart.amendment;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import org.carechart.access.DataCategory;
import org.carechart.access.Visibility;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Cursor;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Queries on amendment_request. */
@ApplicationScoped
public class AmendmentRepository {

    private static final String FROM = " from amendment_request r join chart_entry e on e.id = r.entry_id";

    public Uni<Void> insert(UUID id, UUID patientId, UUID entryId, UUID requestedBy, String requestedByName,
                            Instant requestedAt, Instant dueAt, String reason) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("p", patientId);
        p.put("e", entryId);
        p.put("by", requestedBy);
        p.put("name", requestedByName);
        p.put("at", requestedAt);
        p.put("due", dueAt);
        p.put("reason", reason);
        return execute("insert into amendment_request (id, patient_id, entry_id, requested_by, requested_by_name,"
                + " requested_at, due_at, reason, status) values (:id, :p, :e, :by, :name, :at, :due, :reason, 'requested')", p)
                .replaceWithVoid();
    }

    public Uni<Optional<AmendmentRow>> find(UUID patientId, UUID id) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select " + AmendmentRow.COLUMNS + FROM
                        + " where r.patient_id = :p and r.id = :id", Object[].class)
                .setParameter("p", patientId).setParameter("id", id).getResultList())
                .map(rows -> rows.stream().findFirst().map(AmendmentRow::of));
    }

    /**
     * Newest first, only requests about entries the caller sees ({@link Visibility}'s SQL predicate on
     * the entry); {@code after} is the cursor of the last item of the previous page.
     */
    public Uni<List<AmendmentRow>> list(UUID patientId, Visibility visibility, Cursor after, int limit) {
        String sql = "select " + AmendmentRow.COLUMNS + FROM + " where r.patient_id = :p and " + visibility.sql("e")
                + (after == null ? "" : " and (r.requested_at, r.id) < (:at, :id)")
                + " order by r.requested_at desc, r.id desc limit " + limit;
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql, Object[].class).setParameter("p", patientId);
            if (after != null) {
                query.setParameter("at", after.at()).setParameter("id", after.id());
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(AmendmentRow::of).toList());
    }

    /** Records the decision; 0 when the request was decided by someone else first. */
    public Uni<Integer> decide(UUID id, String status, UUID decidedBy, String decidedByName, Instant at, String reason) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("s", status);
        p.put("by", decidedBy);
        p.put("name", decidedByName);
        p.put("at", at);
        p.put("reason", reason);
        return execute("update amendment_request set status = :s, decided_by = :by, decided_by_name = :name,"
                + " decided_at = :at, decision_reason = :reason where id = :id and status = 'requested'", p);
    }

    /** Links the statement of disagreement; 0 unless the request is denied and has none yet. */
    public Uni<Integer> disagree(UUID id, UUID by, Instant at, String statement) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", id);
        p.put("by", by);
        p.put("at", at);
        p.put("statement", statement);
        return execute("update amendment_request set disagreement = :statement, disagreement_by = :by, disagreement_at = :at"
                + " where id = :id and status = 'denied' and disagreement is null", p);
    }

    private Uni<Integer> execute(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql);
            params.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }
}
