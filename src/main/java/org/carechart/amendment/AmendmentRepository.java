package org.carechart.amendment;

import io.smallrye.mutiny.Uni;
import org.carechart.access.DataCategory;
import org.carechart.access.Visibility;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Cursor;
import org.carechart.common.Sql;

import java.time.Instant;
import java.util.List;
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
        return Sql.of("insert into amendment_request (id, patient_id, entry_id, requested_by, requested_by_name,"
                        + " requested_at, due_at, reason, status)"
                        + " values (:id, :p, :e, :by, :name, :at, :due, :reason, 'requested')")
                .bind("id", id).bind("p", patientId).bind("e", entryId).bind("by", requestedBy)
                .bind("name", requestedByName).bind("at", requestedAt).bind("due", dueAt).bind("reason", reason)
                .execute().replaceWithVoid();
    }

    public Uni<Optional<AmendmentRow>> find(UUID patientId, UUID id) {
        return Sql.of("select " + AmendmentRow.COLUMNS + FROM + " where r.patient_id = :p and r.id = :id")
                .bind("p", patientId).bind("id", id).first(AmendmentRow::from);
    }

    /**
     * Newest first, only requests about entries the caller sees ({@link Visibility}'s SQL predicate on
     * the entry); {@code after} is the cursor of the last item of the previous page.
     */
    public Uni<List<AmendmentRow>> list(UUID patientId, Visibility visibility, Cursor after, int limit) {
        Sql query = visibility.bind(Sql.of("select " + AmendmentRow.COLUMNS + FROM + " where r.patient_id = :p and " + Visibility.boundSql("e")
                        + (after == null ? "" : " and (r.requested_at, r.id) < (:at, :id)")
                        + " order by r.requested_at desc, r.id desc limit :limit"))
                .bind("p", patientId).bind("limit", limit);
        if (after != null) {
            query.bind("at", after.at()).bind("id", after.id());
        }
        return query.list(AmendmentRow::from);
    }

    /** Records the decision; 0 when the request was decided by someone else first. */
    public Uni<Integer> decide(UUID id, String status, UUID decidedBy, String decidedByName, Instant at, String reason) {
        return Sql.of("update amendment_request set status = :s, decided_by = :by, decided_by_name = :name,"
                        + " decided_at = :at, decision_reason = :reason where id = :id and status = 'requested'")
                .bind("id", id).bind("s", status).bind("by", decidedBy).bind("name", decidedByName).bind("at", at)
                .bind("reason", reason).execute();
    }

    /** Links the statement of disagreement; 0 unless the request is denied and has none yet. */
    public Uni<Integer> disagree(UUID id, UUID by, Instant at, String statement) {
        return Sql.of("update amendment_request set disagreement = :statement, disagreement_by = :by,"
                        + " disagreement_at = :at where id = :id and status = 'denied' and disagreement is null")
                .bind("id", id).bind("by", by).bind("at", at).bind("statement", statement).execute();
    }
}
