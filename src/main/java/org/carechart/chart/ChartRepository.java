package org.carechart.chart;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.access.DataCategory;
import org.carechart.access.Visibility;
import org.carechart.chart.ChartRows.AmendmentOfEntry;
import org.carechart.chart.ChartRows.Demographics;
import org.carechart.chart.ChartRows.DocumentRow;
import org.carechart.chart.ChartRows.KeyRow;
import org.carechart.chart.ChartRows.VersionRow;
import org.carechart.chart.api.EntryFilter;
import org.carechart.chart.api.EntryQuery;
import org.carechart.common.Cursor;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;
import org.carechart.notification.Inbox;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Queries on chart_entry (the current view), chart_entry_version, chart_document and the idempotency keys.
 * Every statement runs on the unit of work's session ({@link Sql}); the hot reads' SQL is constant, the
 * caller's visibility bound as parameters.
 */
@ApplicationScoped
public class ChartRepository {

    private static final String COLUMNS = ChartEntryRow.COLUMNS;

    private static final String VALUES = ":id, :patient, :category, :version, :status, :system, :code, :display, "
            + ":effective, :recorded, cast(:quantity as numeric), cast(:unit as text), cast(:valueText as text), "
            + "cast(:low as numeric), cast(:high as numeric), cast(:interpretation as text), cast(:body as text), "
            + "cast(:document as uuid), :sensitive, :author";

    /** {@link Visibility}'s SQL form of constant text, as a further condition on chart_entry {@code e}. */
    private static final String VISIBLE = " and " + Visibility.boundSql("e");

    /** Whether the caller sees this row: {@link Visibility}'s Java test, on the row's own category. */
    static boolean shows(Visibility visibility, ChartEntryRow row) {
        return visibility.shows(row.category(), row.sensitive());
    }

    /** Serializes writes to one patient's chart, so change_seq order is commit order for that chart. */
    public Uni<Void> lockChart(UUID patientId) {
        return Sql.of("select 1 as locked from (select pg_advisory_xact_lock(hashtextextended(cast(:p as text), 0))) l")
                .bind("p", patientId.toString()).list(r -> r).replaceWithVoid();
    }

    public Uni<Optional<ChartEntryRow>> find(UUID patientId, UUID entryId) {
        return Sql.of("select " + COLUMNS + " from chart_entry e where e.patient_id = :p and e.id = :id")
                .bind("p", patientId).bind("id", entryId).first(ChartEntryRow::from);
    }

    public Uni<List<ChartEntryRow>> search(UUID patientId, EntryFilter filter, Visibility visibility, Cursor after,
                                          int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from chart_entry e where e.patient_id = :p");
        params.put("p", patientId);
        sql.append(VISIBLE);
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
        if (filter.status() != null) {
            sql.append(" and e.status = :status");
            params.put("status", filter.status());
        } else {
            sql.append(" and e.status <> 'entered-in-error'");
        }
        return newestFirst(sql, params, filter.from(), filter.to(), visibility, after, limit);
    }

    /** The effective-time range, the keyset page and the order every entry list shares; runs the query. */
    private static Uni<List<ChartEntryRow>> newestFirst(StringBuilder sql, Map<String, Object> params, Instant from,
                                                       Instant to, Visibility visibility, Cursor after, int limit) {
        if (from != null) {
            sql.append(" and e.effective_at >= :from");
            params.put("from", from);
        }
        if (to != null) {
            sql.append(" and e.effective_at < :to");
            params.put("to", to);
        }
        if (after != null) {
            sql.append(" and (e.effective_at, e.id) < (:afterAt, :afterId)");
            params.put("afterAt", after.at());
            params.put("afterId", after.id());
        }
        sql.append(" order by e.effective_at desc, e.id desc limit :limit");
        params.put("limit", limit);
        return visibility.bind(Sql.of(sql.toString()).bindAll(params)).list(ChartEntryRow::from);
    }

    /** The patient an entry belongs to, for reads that name only the entry (FHIR ids). */
    public Uni<Optional<UUID>> patientOfEntry(UUID entryId) {
        return Sql.of("select e.patient_id from chart_entry e where e.id = :id").bind("id", entryId)
                .first(row -> row.uuid("patient_id"));
    }

    /** The patient a stored document belongs to. */
    public Uni<Optional<UUID>> patientOfDocument(UUID documentId) {
        return Sql.of("select d.patient_id from chart_document d where d.id = :id").bind("id", documentId)
                .first(row -> row.uuid("patient_id"));
    }

    /** {@link EntryQuery}: alternatives of codes and statuses, excluded codes, newest first, keyset paged. */
    public Uni<List<ChartEntryRow>> query(UUID patientId, EntryQuery q, Visibility visibility, Cursor after, int limit) {
        Map<String, Object> params = new LinkedHashMap<>();
        StringBuilder sql = new StringBuilder("select " + COLUMNS + " from chart_entry e where e.patient_id = :p");
        params.put("p", patientId);
        sql.append(VISIBLE);
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
        if (q.statuses().isEmpty()) {
            sql.append(" and e.status <> 'entered-in-error'");
        } else {
            sql.append(" and e.status in (:statuses)");
            params.put("statuses", q.statuses());
        }
        return newestFirst(sql, params, q.from(), q.to(), visibility, after, limit);
    }

    private static final String EXPORT_PAGE = "select " + COLUMNS + " from chart_entry e where e.patient_id = :p"
            + " and e.category in (:categories)" + VISIBLE
            + " and e.updated_at > :since and e.id > :after order by e.id limit :limit";

    /**
     * One keyset page of a patient's current entries for a bulk export, in id order: every status
     * (a retraction is news to a registry), changed after {@code since}, of the given categories, as
     * {@code visibility} shows them.
     */
    public Uni<List<ChartEntryRow>> exportPage(UUID patientId, List<String> categories, java.time.OffsetDateTime since,
                                               Visibility visibility, UUID after, int limit) {
        return visibility.bind(Sql.of(EXPORT_PAGE)).bind("p", patientId).bind("categories", categories)
                .bind("since", since).bind("after", after).bind("limit", limit).list(ChartEntryRow::from);
    }

    /** Entries changed after {@code sinceSeq}, in change order; hidden ones are skipped but still advance the feed. */
    public Uni<List<ChartEntryRow>> changes(UUID patientId, long sinceSeq, int limit) {
        return Sql.of("select " + COLUMNS + " from chart_entry e where e.patient_id = :p and e.change_seq > :since"
                        + " order by e.change_seq limit :limit")
                .bind("p", patientId).bind("since", sinceSeq).bind("limit", limit).list(ChartEntryRow::from);
    }

    /**
     * The current entries a share link shows: of the open categories, plus the chosen entries (which
     * still hide when sensitive entries must), never entered-in-error; newest first, bounded.
     */
    public Uni<List<ChartEntryRow>> shared(UUID patientId, Visibility visibility, Set<UUID> entryIds, int limit) {
        return visibility.bind(Sql.of("select " + COLUMNS + " from chart_entry e where e.patient_id = :p"
                        + " and e.status <> 'entered-in-error'"
                        + " and (" + Visibility.boundCategorySql("e")
                        + "      or e.id = any(cast(string_to_array(:chosen, ',') as uuid[])))"
                        + " and " + Visibility.boundSensitiveSql("e")
                        + " order by e.effective_at desc, e.id desc limit :limit"))
                .bind("p", patientId)
                .bind("chosen", entryIds.stream().map(UUID::toString).sorted().collect(Collectors.joining(",")))
                .bind("limit", limit).list(ChartEntryRow::from);
    }

    // --- the summary: every part in one statement

    /** The parts of a summary as they came from the database, each in its display order. */
    record SummaryRows(Optional<Demographics> patient, List<ChartEntryRow> problems, List<ChartEntryRow> medications,
                       List<ChartEntryRow> allergies, List<ChartEntryRow> vitals, List<ChartEntryRow> labs,
                       Map<String, Long> counts, long unread) {
    }

    private static final List<String> ENTRY_COLUMN_NAMES = Stream.of(COLUMNS.split(","))
            .map(c -> c.trim().substring(2)).toList();

    /** One part of the summary: a bounded list of current entries, with its position in display order. */
    private static String entryPart(String part, String where, String order, String limit) {
        // typed nulls: a union resolves its column types pair by pair, left to right
        return "(select '" + part + "' as part, row_number() over (order by " + order + ") as pos, " + COLUMNS
                + ", " + TYPED_NULLS
                + " from chart_entry e where e.patient_id = :p and e.status <> 'entered-in-error'" + where
                + VISIBLE + " order by " + order + " limit " + limit + ")";
    }

    /** A part that is not an entry: the entry columns are null except those {@code values} names. */
    private static String otherPart(String part, Map<String, String> values, String rest) {
        String entry = ENTRY_COLUMN_NAMES.stream().map(c -> values.getOrDefault(c, "null")).collect(Collectors.joining(", "));
        return "(select '" + part + "', " + values.getOrDefault("pos", "1") + ", " + entry + ", "
                + values.getOrDefault("n", "null") + ", " + values.getOrDefault("given_name", "null") + ", "
                + values.getOrDefault("family_name", "null") + ", " + values.getOrDefault("birth_date", "null") + ", "
                + values.getOrDefault("sex", "null") + " " + rest + ")";
    }

    private static final String TYPED_NULLS = "cast(null as bigint) as n, cast(null as text) as given_name,"
            + " cast(null as text) as family_name, cast(null as date) as birth_date, cast(null as text) as sex";

    private static final String RECENT = "e.effective_at desc, e.id desc";

    /**
     * The summary's statement: demographics (when {@code :demographics}), active problems, medications and
     * allergies, the latest value of each vital sign, recent lab results, the count per category and the
     * caller's unread notifications; one round trip, constant text.
     */
    static final String SUMMARY = String.join(" union all ",
            entryPart("problems", " and e.category = 'condition' and e.status = 'active'", RECENT, ":listMax"),
            entryPart("medications", " and e.category = 'medication' and e.status = 'active'", RECENT, ":listMax"),
            entryPart("allergies", " and e.category = 'allergy' and e.status = 'active'", RECENT, ":listMax"),
            "(select 'vitals', row_number() over (order by l.effective_at desc, l.code), l.*, " + TYPED_NULLS
                    + " from (select distinct on (e.code) " + COLUMNS + " from chart_entry e where e.patient_id = :p"
                    + " and e.category = 'observation' and e.status <> 'entered-in-error'"
                    + " and e.code = any(string_to_array(:vitals, ','))" + VISIBLE
                    + " order by e.code, e.effective_at desc, e.id desc) l)",
            entryPart("labs", " and e.category = 'observation' and e.code <> all(string_to_array(:vitals, ','))",
                    RECENT, ":labsMax"),
            otherPart("counts", Map.of("pos", "row_number() over (order by e.category)", "category", "e.category",
                    "n", "count(*)"), "from chart_entry e where e.patient_id = :p and e.status <> 'entered-in-error'"
                    + VISIBLE + " group by e.category"),
            otherPart("patient", Map.of("given_name", "p.given_name", "family_name", "p.family_name",
                    "birth_date", "p.birth_date", "sex", "p.sex"), "from patient p where p.id = :p and :demographics"),
            otherPart("unread", Map.of("n", "u.unread"), "from (" + Inbox.UNREAD_COUNT_SQL + ") u"))
            + " order by part, pos";

    public Uni<SummaryRows> summary(UUID patientId, Visibility visibility, boolean demographics, UUID accountId,
                                    Set<String> vitalCodes, int listMax, int labsMax) {
        return visibility.bind(Sql.of(SUMMARY)).bind("p", patientId).bind("demographics", demographics)
                .bind("account", accountId).bind("vitals", String.join(",", vitalCodes.stream().sorted().toList()))
                .bind("listMax", listMax).bind("labsMax", labsMax)
                .list(r -> r)
                .map(ChartRepository::summaryRows);
    }

    private static SummaryRows summaryRows(List<SqlRow> rows) {
        Map<String, List<ChartEntryRow>> entries = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        Demographics patient = null;
        long unread = 0;
        for (SqlRow r : rows) {
            String part = r.text("part");
            switch (part) {
                case "counts" -> counts.put(r.text("category"), r.number("n"));
                case "patient" -> patient = new Demographics(r.text("given_name"), r.text("family_name"),
                        r.date("birth_date"), r.text("sex"));
                case "unread" -> unread = r.number("n");
                default -> entries.computeIfAbsent(part, p -> new ArrayList<>()).add(ChartEntryRow.from(r));
            }
        }
        return new SummaryRows(Optional.ofNullable(patient), entries.getOrDefault("problems", List.of()),
                entries.getOrDefault("medications", List.of()), entries.getOrDefault("allergies", List.of()),
                entries.getOrDefault("vitals", List.of()), entries.getOrDefault("labs", List.of()), counts, unread);
    }

    // --- history

    /** Every version, oldest first, with its reason, amendment and author's name. */
    public Uni<List<VersionRow>> versions(UUID patientId, UUID entryId) {
        return Sql.of("select " + VersionRow.COLUMNS + " from chart_entry_version v left join account a on a.id = v.author_id"
                        + " where v.patient_id = :p and v.entry_id = :id order by v.version")
                .bind("p", patientId).bind("id", entryId).list(VersionRow::from);
    }

    /** The amendment requests about one entry (read-only; the amendment feature writes them). */
    public Uni<List<AmendmentOfEntry>> amendmentsOf(UUID patientId, UUID entryId) {
        return Sql.of("select " + AmendmentOfEntry.COLUMNS + " from amendment_request r"
                        + " where r.patient_id = :p and r.entry_id = :id order by r.requested_at, r.id")
                .bind("p", patientId).bind("id", entryId).list(AmendmentOfEntry::from);
    }

    // --- writes

    public Uni<Void> insert(ChartEntryRow row) {
        return Sql.of("insert into chart_entry (id, patient_id, category, version, status, code_system, code, display,"
                        + " effective_at, recorded_at, value_quantity, value_unit, value_text, reference_low, reference_high,"
                        + " interpretation, body, document_id, sensitive, author_id, updated_at) values (" + VALUES
                        + ", :written)")
                .bindAll(params(row)).execute().replaceWithVoid();
    }

    /** Moves the current view to {@code row}; 0 when another writer moved it first (no lost update). */
    public Uni<Integer> advance(ChartEntryRow row, int expectedVersion) {
        return Sql.of("update chart_entry set (id, patient_id, category, version, status, code_system, code, display,"
                        + " effective_at, recorded_at, value_quantity, value_unit, value_text, reference_low, reference_high,"
                        + " interpretation, body, document_id, sensitive, author_id, updated_at, change_seq) = (" + VALUES
                        + ", :written, nextval('chart_change_seq')) where id = :id and patient_id = :patient"
                        + " and version = :expected")
                .bindAll(params(row)).bind("expected", expectedVersion).execute();
    }

    public Uni<Void> insertVersion(ChartEntryRow row, String reason, UUID amendmentId) {
        return Sql.of("insert into chart_entry_version (entry_id, patient_id, category, version, status, code_system,"
                        + " code, display, effective_at, recorded_at, value_quantity, value_unit, value_text, reference_low,"
                        + " reference_high, interpretation, body, document_id, sensitive, author_id, written_at, reason,"
                        + " amendment_id) values (" + VALUES + ", :written, cast(:reason as text), cast(:amendment as uuid))")
                .bindAll(params(row)).bind("reason", reason).bind("amendment", amendmentId).execute().replaceWithVoid();
    }

    // --- documents

    public Uni<Void> insertDocument(UUID id, UUID patientId, String contentType, byte[] content, byte[] sha256,
                                    String fileName, UUID createdBy, Instant at) {
        return Sql.of("insert into chart_document (id, patient_id, content_type, size_bytes, sha256, file_name, content,"
                        + " created_at, created_by) values (:id, :p, :type, :size, :sha, cast(:name as text), :content,"
                        + " :at, :by)")
                .bind("id", id).bind("p", patientId).bind("type", contentType).bind("size", (long) content.length)
                .bind("sha", sha256).bind("name", fileName).bind("content", content).bind("by", createdBy).bind("at", at)
                .execute().replaceWithVoid();
    }

    public Uni<Optional<DocumentRow>> document(UUID patientId, UUID documentId) {
        return Sql.of("select " + DocumentRow.COLUMNS + " from chart_document d"
                        + " left join chart_entry e on e.document_id = d.id and e.patient_id = d.patient_id"
                        + " where d.patient_id = :p and d.id = :id")
                .bind("p", patientId).bind("id", documentId).first(DocumentRow::from);
    }

    // --- idempotency keys

    public Uni<Void> forgetExpiredKey(UUID accountId, String key, Instant olderThan) {
        return Sql.of("delete from chart_idempotency_key where account_id = :a and key = :k and created_at < :t")
                .bind("a", accountId).bind("k", key).bind("t", olderThan).execute().replaceWithVoid();
    }

    public Uni<Integer> forgetExpiredKeys(Instant olderThan) {
        return Sql.of("delete from chart_idempotency_key where created_at < :t").bind("t", olderThan).execute();
    }

    /** True when this request now owns the key; false when an earlier request holds it (waits for it to commit). */
    public Uni<Boolean> claimKey(UUID accountId, String key, String requestHash) {
        return Sql.of("insert into chart_idempotency_key (account_id, key, request_hash) values (:a, :k, :h)"
                        + " on conflict do nothing")
                .bind("a", accountId).bind("k", key).bind("h", requestHash).execute().map(n -> n == 1);
    }

    public Uni<Optional<KeyRow>> storedAnswer(UUID accountId, String key) {
        return Sql.of("select " + KeyRow.COLUMNS + " from chart_idempotency_key where account_id = :a and key = :k")
                .bind("a", accountId).bind("k", key).first(KeyRow::from);
    }

    public Uni<Void> storeAnswer(UUID accountId, String key, int status, String location, String body, String etag) {
        return Sql.of("update chart_idempotency_key set status = :s, location = :l, body = :b, etag = :e"
                        + " where account_id = :a and key = :k")
                .bind("a", accountId).bind("k", key).bind("s", status).bind("l", location).bind("b", body)
                .bind("e", etag).execute().replaceWithVoid();
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
}
