package org.carechart.chart;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.access.DataCategory;
import org.carechart.common.Cursor;
import org.carechart.chart.api.EntryFilter;
import org.carechart.chart.api.EntryQuery;
import org.carechart.common.Rows;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Queries on chart_entry (the current view), chart_entry_version, chart_document and the idempotency keys. */
@ApplicationScoped
public class ChartRepository {

    static final String COLUMNS = "e.id, e.patient_id, e.category, e.version, e.status, e.code_system, e.code, "
            + "e.display, e.effective_at, e.recorded_at, e.value_quantity, e.value_unit, e.value_text, "
            + "e.reference_low, e.reference_high, e.interpretation, e.body, e.document_id, e.sensitive, e.author_id, "
            + "e.updated_at, e.change_seq";

    private static final String VERSION_COLUMNS = "v.entry_id, v.patient_id, v.category, v.version, v.status, "
            + "v.code_system, v.code, v.display, v.effective_at, v.recorded_at, v.value_quantity, v.value_unit, "
            + "v.value_text, v.reference_low, v.reference_high, v.interpretation, v.body, v.document_id, v.sensitive, "
            + "v.author_id, v.written_at, 0, v.reason, v.amendment_id, a.display_name";

    private static final String VALUES = ":id, :patient, :category, :version, :status, :system, :code, :display, "
            + ":effective, :recorded, cast(:quantity as numeric), cast(:unit as text), cast(:valueText as text), "
            + "cast(:low as numeric), cast(:high as numeric), cast(:interpretation as text), cast(:body as text), "
            + "cast(:document as uuid), :sensitive, :author";

    /** What visibility rules a query applies: the categories open to the caller and whether sensitive entries hide. */
    record Visibility(Set<DataCategory> categories, boolean hideSensitive) {

        String sql() {
            String open = categories.stream().filter(c -> c != DataCategory.DEMOGRAPHICS)
                    .map(c -> "'" + c.code() + "'").sorted().collect(Collectors.joining(", "));
            String where = open.isEmpty() ? " and false" : " and e.category in (" + open + ")";
            return hideSensitive ? where + " and not e.sensitive" : where;
        }

        boolean shows(ChartEntryRow row) {
            return DataCategory.fromCode(row.category()).map(categories::contains).orElse(false)
                    && !(hideSensitive && row.sensitive());
        }
    }

    /** Serializes writes to one patient's chart, so change_seq order is commit order for that chart. */
    public Uni<Void> lockChart(UUID patientId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select count(*) from (select pg_advisory_xact_lock(hashtextextended(cast(:p as text), 0))) l")
                .setParameter("p", patientId.toString()).getSingleResult()).replaceWithVoid();
    }

    public Uni<Optional<ChartEntryRow>> find(UUID patientId, UUID entryId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select " + COLUMNS + " from chart_entry e where e.patient_id = :p and e.id = :id", Object[].class)
                .setParameter("p", patientId).setParameter("id", entryId)
                .getResultList()).map(rows -> rows.stream().findFirst().map(ChartEntryRow::of));
    }

    public Uni<List<ChartEntryRow>> search(UUID patientId, EntryFilter filter, Visibility visibility, Cursor after,
                                          int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from chart_entry e where e.patient_id = :p");
        params.put("p", patientId);
        sql.append(visibility.sql());
        if (filter.category() != null) {
            sql.append(" and e.category = :category");
            params.put("category", filter.category());
        }
        if (filter.code() != null) {
            int bar = filter.code().indexOf('|');
            if (bar >= 0) {
                sql.append(" and e.code_system = :system and e.code = :code");
                params.put("system", filter.code().substring(0, bar));
                params.put("code", filter.code().substring(bar + 1));
            } else {
                sql.append(" and e.code = :code");
                params.put("code", filter.code());
            }
        }
        if (filter.from() != null) {
            sql.append(" and e.effective_at >= :from");
            params.put("from", filter.from());
        }
        if (filter.to() != null) {
            sql.append(" and e.effective_at < :to");
            params.put("to", filter.to());
        }
        if (filter.status() != null) {
            sql.append(" and e.status = :status");
            params.put("status", filter.status());
        } else {
            sql.append(" and e.status <> 'entered-in-error'");
        }
        if (after != null) {
            sql.append(" and (e.effective_at, e.id) < (:afterAt, :afterId)");
            params.put("afterAt", after.at());
            params.put("afterId", after.id());
        }
        sql.append(" order by e.effective_at desc, e.id desc limit ").append(limit);
        return rows(sql.toString(), params);
    }

    /** The patient an entry belongs to, for reads that name only the entry (FHIR ids). */
    public Uni<Optional<UUID>> patientOfEntry(UUID entryId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select cast(e.patient_id as text) from chart_entry e where e.id = :id", String.class)
                .setParameter("id", entryId).getResultList()).map(rows -> rows.stream().findFirst().map(UUID::fromString));
    }

    /** The patient a stored document belongs to. */
    public Uni<Optional<UUID>> patientOfDocument(UUID documentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select cast(d.patient_id as text) from chart_document d where d.id = :id", String.class)
                .setParameter("id", documentId).getResultList()).map(rows -> rows.stream().findFirst().map(UUID::fromString));
    }

    /** {@link EntryQuery}: alternatives of codes and statuses, excluded codes, newest first, keyset paged. */
    public Uni<List<ChartEntryRow>> query(UUID patientId, EntryQuery q, Visibility visibility, Cursor after, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from chart_entry e where e.patient_id = :p");
        params.put("p", patientId);
        sql.append(visibility.sql());
        sql.append(" and e.category in (:categories)");
        params.put("categories", q.categories());
        if (q.matchesNothing()) {
            sql.append(" and false");
        }
        if (!q.codes().isEmpty()) {
            List<String> any = new ArrayList<>();
            for (int i = 0; i < q.codes().size(); i++) {
                String token = q.codes().get(i);
                int bar = token.indexOf('|');
                if (bar >= 0) {
                    String system = token.substring(0, bar);
                    String code = token.substring(bar + 1);
                    if (code.isEmpty()) {
                        any.add("e.code_system = :s" + i);
                    } else if (system.isEmpty()) {
                        any.add("e.code = :c" + i);
                        params.put("c" + i, code);
                    } else {
                        any.add("(e.code_system = :s" + i + " and e.code = :c" + i + ")");
                        params.put("c" + i, code);
                    }
                    if (!system.isEmpty()) {
                        params.put("s" + i, system);
                    }
                } else {
                    any.add("e.code = :c" + i);
                    params.put("c" + i, token);
                }
            }
            sql.append(" and (").append(String.join(" or ", any)).append(')');
        }
        if (!q.excludedCodes().isEmpty()) {
            sql.append(" and e.code not in (:excluded)");
            params.put("excluded", List.copyOf(q.excludedCodes()));
        }
        if (q.from() != null) {
            sql.append(" and e.effective_at >= :from");
            params.put("from", q.from());
        }
        if (q.to() != null) {
            sql.append(" and e.effective_at < :to");
            params.put("to", q.to());
        }
        if (q.statuses().isEmpty()) {
            sql.append(" and e.status <> 'entered-in-error'");
        } else {
            sql.append(" and e.status in (:statuses)");
            params.put("statuses", q.statuses());
        }
        if (after != null) {
            sql.append(" and (e.effective_at, e.id) < (:afterAt, :afterId)");
            params.put("afterAt", after.at());
            params.put("afterId", after.id());
        }
        sql.append(" order by e.effective_at desc, e.id desc limit ").append(limit);
        return rows(sql.toString(), params);
    }

    /** Entries changed after {@code sinceSeq}, in change order; hidden ones are skipped but still advance the feed. */
    public Uni<List<ChartEntryRow>> changes(UUID patientId, long sinceSeq, int limit) {
        return rows("select " + COLUMNS + " from chart_entry e where e.patient_id = :p and e.change_seq > :since"
                + " order by e.change_seq limit " + limit, Map.of("p", patientId, "since", sinceSeq));
    }

    public Uni<List<ChartEntryRow>> current(UUID patientId, String category, String status, Visibility visibility,
                                           int limit) {
        return rows("select " + COLUMNS + " from chart_entry e where e.patient_id = :p and e.category = :c"
                        + " and e.status = :s" + visibility.sql() + " order by e.effective_at desc, e.id desc limit " + limit,
                Map.of("p", patientId, "c", category, "s", status));
    }

    /**
     * The current entries a share link shows: of the open categories, plus the chosen entries (which
     * still hide when sensitive entries must), never entered-in-error; newest first, bounded.
     */
    public Uni<List<ChartEntryRow>> shared(UUID patientId, Visibility visibility, Set<UUID> entryIds, int limit) {
        String chosen = entryIds.isEmpty() ? "false"
                : "e.id in (" + entryIds.stream().map(id -> "'" + id + "'").sorted().collect(Collectors.joining(", ")) + ")";
        String sensitive = visibility.hideSensitive() ? " and not e.sensitive" : "";
        String categories = new Visibility(visibility.categories(), false).sql().replaceFirst("^ and ", "");
        return rows("select " + COLUMNS + " from chart_entry e where e.patient_id = :p and e.status <> 'entered-in-error'"
                + " and ((" + categories + ") or " + chosen + ")" + sensitive
                + " order by e.effective_at desc, e.id desc limit " + limit, Map.of("p", patientId));
    }

    public Uni<List<ChartEntryRow>> latestPerCode(UUID patientId, Set<String> codes, Visibility visibility) {
        String in = codes.stream().map(c -> "'" + c.replace("'", "") + "'").sorted().collect(Collectors.joining(", "));
        return rows("select * from (select distinct on (e.code) " + COLUMNS + " from chart_entry e"
                + " where e.patient_id = :p and e.category = 'observation' and e.status <> 'entered-in-error'"
                + " and e.code in (" + in + ")" + visibility.sql()
                + " order by e.code, e.effective_at desc, e.id desc) latest order by effective_at desc, code", Map.of("p", patientId));
    }

    public Uni<List<ChartEntryRow>> recentExcludingCodes(UUID patientId, Set<String> codes, Visibility visibility, int limit) {
        String in = codes.stream().map(c -> "'" + c.replace("'", "") + "'").sorted().collect(Collectors.joining(", "));
        return rows("select " + COLUMNS + " from chart_entry e where e.patient_id = :p and e.category = 'observation'"
                + " and e.status <> 'entered-in-error' and e.code not in (" + in + ")" + visibility.sql()
                + " order by e.effective_at desc, e.id desc limit " + limit, Map.of("p", patientId));
    }

    public Uni<Map<String, Long>> countsPerCategory(UUID patientId, Visibility visibility) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select e.category, count(*) from chart_entry e"
                                + " where e.patient_id = :p and e.status <> 'entered-in-error'" + visibility.sql()
                                + " group by e.category order by e.category", Object[].class)
                        .setParameter("p", patientId).getResultList())
                .map(rows -> {
                    Map<String, Long> counts = new LinkedHashMap<>();
                    rows.forEach(r -> counts.put((String) r[0], Rows.number(r[1])));
                    return counts;
                });
    }

    /**
     * Name, birth date and sex from the patient table: a read-only query of the chart's own, so the
     * summary needs one round trip and no call into the patient feature.
     */
    public Uni<Optional<Object[]>> demographics(UUID patientId) {
        return Panache.getSession().chain(s -> s.createNativeQuery(
                        "select p.given_name, p.family_name, p.birth_date, p.sex from patient p where p.id = :p", Object[].class)
                .setParameter("p", patientId).getResultList()).map(rows -> rows.stream().findFirst());
    }

    /** Every version, oldest first; each row is an entry row followed by reason, amendment id and author name. */
    public Uni<List<Object[]>> versions(UUID patientId, UUID entryId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select " + VERSION_COLUMNS
                        + " from chart_entry_version v left join account a on a.id = v.author_id"
                        + " where v.patient_id = :p and v.entry_id = :id order by v.version", Object[].class)
                .setParameter("p", patientId).setParameter("id", entryId).getResultList());
    }

    /** The amendment requests about one entry (read-only; the amendment feature writes them). */
    public Uni<List<Object[]>> amendmentsOf(UUID patientId, UUID entryId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select r.id, r.status, r.requested_at, r.reason,"
                        + " r.decided_at, r.decision_reason, r.disagreement, r.disagreement_at from amendment_request r"
                        + " where r.patient_id = :p and r.entry_id = :id order by r.requested_at, r.id", Object[].class)
                .setParameter("p", patientId).setParameter("id", entryId).getResultList());
    }

    public Uni<Void> insert(ChartEntryRow row) {
        return execute("insert into chart_entry (id, patient_id, category, version, status, code_system, code, display,"
                + " effective_at, recorded_at, value_quantity, value_unit, value_text, reference_low, reference_high,"
                + " interpretation, body, document_id, sensitive, author_id, updated_at) values (" + VALUES
                + ", :written)", params(row)).replaceWithVoid();
    }

    /** Moves the current view to {@code row}; 0 when another writer moved it first (no lost update). */
    public Uni<Integer> advance(ChartEntryRow row, int expectedVersion) {
        Map<String, Object> params = params(row);
        params.put("expected", expectedVersion);
        return execute("update chart_entry set (id, patient_id, category, version, status, code_system, code, display,"
                + " effective_at, recorded_at, value_quantity, value_unit, value_text, reference_low, reference_high,"
                + " interpretation, body, document_id, sensitive, author_id, updated_at, change_seq) = (" + VALUES
                + ", :written, nextval('chart_change_seq')) where id = :id and patient_id = :patient and version = :expected",
                params);
    }

    public Uni<Void> insertVersion(ChartEntryRow row, String reason, UUID amendmentId) {
        Map<String, Object> params = params(row);
        params.put("reason", reason);
        params.put("amendment", amendmentId);
        return execute("insert into chart_entry_version (entry_id, patient_id, category, version, status, code_system,"
                + " code, display, effective_at, recorded_at, value_quantity, value_unit, value_text, reference_low,"
                + " reference_high, interpretation, body, document_id, sensitive, author_id, written_at, reason,"
                + " amendment_id) values (" + VALUES + ", :written, cast(:reason as text), cast(:amendment as uuid))",
                params).replaceWithVoid();
    }

    // --- documents

    public Uni<Void> insertDocument(UUID id, UUID patientId, String contentType, byte[] content, byte[] sha256,
                                    String fileName, UUID createdBy, Instant at) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", id);
        params.put("p", patientId);
        params.put("type", contentType);
        params.put("size", (long) content.length);
        params.put("sha", sha256);
        params.put("name", fileName);
        params.put("content", content);
        params.put("by", createdBy);
        params.put("at", at);
        return execute("insert into chart_document (id, patient_id, content_type, size_bytes, sha256, file_name, content,"
                + " created_at, created_by) values (:id, :p, :type, :size, :sha, cast(:name as text), :content, :at, :by)",
                params).replaceWithVoid();
    }

    /** content type, size, sha256, file name, content, created at, and the document entry's category status and sensitivity. */
    public Uni<Optional<Object[]>> document(UUID patientId, UUID documentId) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select d.content_type, d.size_bytes, d.sha256,"
                        + " d.file_name, d.content, d.created_at, e.id, e.status, e.sensitive from chart_document d"
                        + " left join chart_entry e on e.document_id = d.id and e.patient_id = d.patient_id"
                        + " where d.patient_id = :p and d.id = :id", Object[].class)
                .setParameter("p", patientId).setParameter("id", documentId).getResultList())
                .map(rows -> rows.stream().findFirst());
    }

    // --- idempotency keys

    public Uni<Void> forgetExpiredKey(UUID accountId, String key, Instant olderThan) {
        return execute("delete from chart_idempotency_key where account_id = :a and key = :k and created_at < :t",
                Map.of("a", accountId, "k", key, "t", olderThan)).replaceWithVoid();
    }

    public Uni<Integer> forgetExpiredKeys(Instant olderThan) {
        return execute("delete from chart_idempotency_key where created_at < :t", Map.of("t", olderThan));
    }

    /** True when this request now owns the key; false when an earlier request holds it (waits for it to commit). */
    public Uni<Boolean> claimKey(UUID accountId, String key, String requestHash) {
        return execute("insert into chart_idempotency_key (account_id, key, request_hash) values (:a, :k, :h)"
                + " on conflict do nothing", Map.of("a", accountId, "k", key, "h", requestHash)).map(n -> n == 1);
    }

    /** request hash, status, location, body, etag of a claimed key. */
    public Uni<Optional<Object[]>> storedAnswer(UUID accountId, String key) {
        return Panache.getSession().chain(s -> s.createNativeQuery("select request_hash, status, location, body, etag"
                        + " from chart_idempotency_key where account_id = :a and key = :k", Object[].class)
                .setParameter("a", accountId).setParameter("k", key).getResultList()).map(rows -> rows.stream().findFirst());
    }

    public Uni<Void> storeAnswer(UUID accountId, String key, int status, String location, String body, String etag) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("a", accountId);
        params.put("k", key);
        params.put("s", status);
        params.put("l", location);
        params.put("b", body);
        params.put("e", etag);
        return execute("update chart_idempotency_key set status = :s, location = :l, body = :b, etag = :e"
                + " where account_id = :a and key = :k", params).replaceWithVoid();
    }

    private static Map<String, Object> params(ChartEntryRow row) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", row.id());
        params.put("patient", row.patientId());
        params.put("category", row.category());
        params.put("version", row.version());
        params.put("status", row.status());
        params.put("system", row.codeSystem());
        params.put("code", row.code());
        params.put("display", row.display());
        params.put("effective", row.effectiveAt());
        params.put("recorded", row.recordedAt());
        params.put("quantity", row.valueQuantity());
        params.put("unit", row.valueUnit());
        params.put("valueText", row.valueText());
        params.put("low", row.referenceLow());
        params.put("high", row.referenceHigh());
        params.put("interpretation", row.interpretation());
        params.put("body", row.body());
        params.put("document", row.documentId());
        params.put("sensitive", row.sensitive());
        params.put("author", row.authorId());
        params.put("written", row.updatedAt());
        return params;
    }

    private Uni<List<ChartEntryRow>> rows(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql, Object[].class);
            params.forEach(query::setParameter);
            return query.getResultList();
        }).map(rows -> {
            List<ChartEntryRow> out = new ArrayList<>(rows.size());
            rows.forEach(r -> out.add(ChartEntryRow.of(r)));
            return out;
        });
    }

    private Uni<Integer> execute(String sql, Map<String, Object> params) {
        return Panache.getSession().chain(s -> {
            var query = s.createNativeQuery(sql);
            params.forEach(query::setParameter);
            return query.executeUpdate();
        });
    }
}
