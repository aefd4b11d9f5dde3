package org.carechart.chart;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.AccessDecision;
import org.carechart.access.AccessPolicy;
import org.carechart.access.Action;
import org.carechart.access.DataCategory;
import org.carechart.audit.AuditAction;
import org.carechart.audit.AuditEntry;
import org.carechart.audit.AuditService;
import org.carechart.access.Visibility;
import org.carechart.chart.api.ChangesView;
import org.carechart.chart.api.ChartEntryInput;
import org.carechart.chart.api.ChartEntryView;
import org.carechart.chart.api.ChartSummaryView;
import org.carechart.chart.api.CodeView;
import org.carechart.chart.api.DemographicsView;
import org.carechart.chart.api.DocumentView;
import org.carechart.chart.api.EntryAmendmentView;
import org.carechart.chart.api.EntryFilter;
import org.carechart.chart.api.EntryQuery;
import org.carechart.chart.api.EntryHistoryView;
import org.carechart.chart.api.EntryVersionView;
import org.carechart.common.Cursor;
import org.carechart.common.ETags;
import org.carechart.common.Page;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;
import org.carechart.identity.Caller;
import org.carechart.notification.EventDraft;
import org.carechart.notification.EventKind;
import org.carechart.notification.UnitOfWork;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Reading and writing charts. Every method asks the access policy first and records an audit
 * event in the same transaction as its work; every write also publishes a notification event
 * there. Writes never change a version row: they add one and move the current view forward.
 */
@ApplicationScoped
public class ChartService {

    static final String ENTRY = "chart-entry";
    static final String SUMMARY = "chart-summary";
    static final String CHANGES = "chart-changes";
    static final String DOCUMENT = "chart-document";
    static final int SUMMARY_LIST_MAX = 50;
    static final int RECENT_LABS = 10;
    static final int CHANGES_MAX = 500;
    static final int SHARED_ENTRIES_LIMIT = 1000;

    @Inject
    ChartRepository repository;

    @Inject
    AccessPolicy accessPolicy;

    @Inject
    AuditService audit;

    @Inject
    UnitOfWork unitOfWork;

    @Inject
    ChangeTokens changeTokens;

    @Inject
    ChartConfig config;

    @Inject
    ObjectMapper json;

    Clock clock = Clock.systemUTC();

    // ------------------------------------------------------------------ reading

    @WithSession
    public Uni<Page<ChartEntryView>> search(Caller caller, UUID patientId, EntryFilter filter, Cursor after, int limit) {
        DataCategory category = filter.category() == null ? null : DataCategory.fromCode(filter.category()).orElse(null);
        return accessPolicy.authorize(caller, Action.READ, patientId, category, ENTRY, null)
                .chain(decision -> repository.search(patientId, filter, visibility(decision), after, limit + 1)
                        .call(rows -> audit.record(AuditEntry.success(caller, AuditAction.SEARCH, patientId,
                                decision.basis().code(), ENTRY, null).withQuery(filter.describe()))))
                .map(rows -> page(rows, limit));
    }

    /** At most {@code limit} of the rows (which were read with one more, to know whether a next page exists). */
    private static Page<ChartEntryView> page(List<ChartEntryRow> rows, int limit) {
        List<ChartEntryRow> items = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = null;
        if (rows.size() > limit) {
            ChartEntryRow last = items.get(items.size() - 1);
            next = new Cursor(last.effectiveAt(), last.id()).encode();
        }
        return new Page<>(items.stream().map(ChartService::view).toList(), next);
    }

    /** The ids of the entries a page returns, as one audit event names them (null for none). */
    private static String returned(List<ChartEntryRow> rows, int limit) {
        String ids = rows.stream().limit(limit).map(r -> r.id().toString()).collect(java.util.stream.Collectors.joining(","));
        return ids.isEmpty() ? null : ids;
    }

    @WithSession
    public Uni<ChartEntryView> entry(Caller caller, UUID patientId, UUID entryId) {
        return entryIn(caller, patientId, entryId);
    }

    private Uni<ChartEntryView> entryIn(Caller caller, UUID patientId, UUID entryId) {
        return accessPolicy.authorize(caller, Action.READ, patientId, null, ENTRY, entryId.toString())
                .chain(decision -> visibleRow(decision, patientId, entryId)
                        .call(row -> audit.record(AuditEntry.success(caller, AuditAction.READ, patientId,
                                decision.basis().code(), ENTRY, entryId.toString()))))
                .map(ChartService::view);
    }

    @WithSession
    public Uni<EntryHistoryView> history(Caller caller, UUID patientId, UUID entryId) {
        return historyIn(caller, patientId, entryId);
    }

    private Uni<EntryHistoryView> historyIn(Caller caller, UUID patientId, UUID entryId) {
        return accessPolicy.authorize(caller, Action.READ, patientId, null, ENTRY, entryId.toString())
                .chain(decision -> visibleRow(decision, patientId, entryId)
                        .chain(current -> repository.versions(patientId, entryId))
                        .chain(versions -> repository.amendmentsOf(patientId, entryId)
                                .map(amendments -> new EntryHistoryView(entryId,
                                        versions.stream().map(ChartService::version)
                                                .filter(v -> decision.visibility().shows(v.entry().category(), v.entry().sensitive()))
                                                .toList(),
                                        amendments.stream().map(ChartService::amendment).toList())))
                        .call(history -> audit.record(AuditEntry.success(caller, AuditAction.READ, patientId,
                                decision.basis().code(), ENTRY, entryId.toString()).withQuery("history"))));
    }

    /** The mobile home screen in one call: after the access decision, one statement reads every part. */
    @WithSession
    public Uni<ChartSummaryView> summary(Caller caller, UUID patientId) {
        return accessPolicy.authorize(caller, Action.READ, patientId, null, SUMMARY, null).chain(decision ->
                repository.summary(patientId, visibility(decision), decision.covers(DataCategory.DEMOGRAPHICS),
                                caller.accountId(), Clinical.VITAL_CODES, SUMMARY_LIST_MAX, RECENT_LABS)
                        .call(rows -> audit.record(AuditEntry.success(caller, AuditAction.READ, patientId,
                                decision.basis().code(), SUMMARY, null)))
                        .map(rows -> new ChartSummaryView(
                                rows.patient().map(d -> new DemographicsView(patientId, d.givenName(), d.familyName(),
                                        d.birthDate(), d.sex())).orElse(null),
                                views(rows.problems()), views(rows.medications()), views(rows.allergies()),
                                views(rows.vitals()), views(rows.labs()), rows.counts(),
                                caller.accountId() == null ? 0 : rows.unread())));
    }

    /** Everything changed after the position {@code since} stands for (null: from the start) and the next token. */
    @WithSession
    public Uni<ChangesView> changes(Caller caller, UUID patientId, String since, int limit) {
        return accessPolicy.authorize(caller, Action.READ, patientId, null, CHANGES, null).chain(decision -> {
            long sinceSeq = since == null ? 0 : changeTokens.verify(patientId, since);
            Visibility visibility = visibility(decision);
            return repository.changes(patientId, sinceSeq, limit + 1)
                    .call(rows -> audit.record(AuditEntry.success(caller, AuditAction.SEARCH, patientId,
                            decision.basis().code(), CHANGES, null).withQuery("since=" + sinceSeq)))
                    .map(rows -> {
                        boolean more = rows.size() > limit;
                        List<ChartEntryRow> page = more ? rows.subList(0, limit) : rows;
                        long last = page.isEmpty() ? sinceSeq : page.get(page.size() - 1).changeSeq();
                        return new ChangesView(page.stream().filter(row -> ChartRepository.shows(visibility, row)).map(ChartService::view).toList(),
                                changeTokens.issue(patientId, last), more);
                    });
        });
    }

    /**
     * A search with alternatives ({@link EntryQuery}), for standard clients. One audit event names
     * the filters and every entry the page returned.
     */
    @WithSession
    public Uni<Page<ChartEntryView>> query(Caller caller, UUID patientId, EntryQuery query, Cursor after, int limit) {
        // one category: decided on it (a grantee without it is refused); several: on the chart, shown as visible
        DataCategory category = query.categories().size() != 1 ? null
                : DataCategory.fromCode(query.categories().get(0)).orElseThrow(ProblemException::notFound);
        return accessPolicy.authorize(caller, Action.READ, patientId, category, ENTRY, null)
                .chain(decision -> repository.query(patientId, query, visibility(decision), after, limit + 1)
                        .call(rows -> audit.record(AuditEntry.success(caller, AuditAction.SEARCH, patientId,
                                decision.basis().code(), ENTRY, returned(rows, limit)).withQuery(query.describe()))))
                .map(rows -> page(rows, limit));
    }

    /**
     * Entry id to patient id for the callers who name only the entry: an entry's patient never
     * changes, so every answer found is kept (positives only, the least recently used dropped past
     * {@link #PATIENT_OF_ENTRY_MAX}); the decision, the read and the audit still run every time.
     */
    static final int PATIENT_OF_ENTRY_MAX = 20_000;
    private final Map<UUID, UUID> patientOfEntry = java.util.Collections.synchronizedMap(
            new java.util.LinkedHashMap<>(1024, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<UUID, UUID> eldest) {
                    return size() > PATIENT_OF_ENTRY_MAX;
                }
            });

    private Uni<Optional<UUID>> patientOfEntry(UUID entryId) {
        UUID known = patientOfEntry.get(entryId);
        if (known != null) {
            return Uni.createFrom().item(Optional.of(known));
        }
        return repository.patientOfEntry(entryId).invoke(found -> found.ifPresent(p -> patientOfEntry.put(entryId, p)));
    }

    /** {@link #entry} for a caller who names only the entry (a FHIR id): an unknown entry is a 404 like a hidden one. */
    @WithSession
    public Uni<ChartEntryView> entry(Caller caller, UUID entryId) {
        return patientOfEntry(entryId).chain(patient -> patient
                .map(p -> entryIn(caller, p, entryId))
                .orElseGet(() -> Uni.createFrom().failure(ProblemException.notFound())));
    }

    /** {@link #history} for a caller who names only the entry. */
    @WithSession
    public Uni<EntryHistoryView> history(Caller caller, UUID entryId) {
        return patientOfEntry(entryId).chain(patient -> patient
                .map(p -> historyIn(caller, p, entryId))
                .orElseGet(() -> Uni.createFrom().failure(ProblemException.notFound())));
    }

    /** {@link #document} for a caller who names only the document. */
    @WithSession
    public Uni<DocumentContent> document(Caller caller, UUID documentId) {
        return repository.patientOfDocument(documentId).chain(patient -> patient
                .map(p -> documentIn(caller, p, documentId))
                .orElseGet(() -> Uni.createFrom().failure(ProblemException.notFound())));
    }

    /**
     * The current version of an entry the caller may see under {@code decision}, or empty. For other
     * features (amendments) that have already asked the access policy; records nothing.
     */
    public Uni<Optional<ChartEntryView>> visibleEntry(AccessDecision decision, UUID patientId, UUID entryId) {
        return repository.find(patientId, entryId)
                .map(row -> row.filter(r -> ChartRepository.shows(decision.visibility(), r)).map(ChartService::view));
    }

    /**
     * What a share link shows of the chart now. The link itself is the basis, checked and recorded
     * by the sharing feature in the same transaction; this reads and records nothing else.
     */
    public Uni<List<ChartEntryView>> sharedEntries(UUID patientId, Set<DataCategory> categories, Set<UUID> entryIds,
                                                   boolean hideSensitive) {
        return repository.shared(patientId, Visibility.of(categories, hideSensitive), entryIds,
                SHARED_ENTRIES_LIMIT)
                .map(ChartService::views);
    }

    /**
     * One keyset page (id order, after {@code after}) of a patient's entries for a bulk export that
     * has already asked the access policy ({@code decision}) and records its own disclosure: the
     * categories given, as the decision shows them, changed after {@code since} (null: all).
     */
    public Uni<List<ChartEntryView>> exportPage(AccessDecision decision, UUID patientId, List<String> categories,
                                                Instant since, UUID after, int limit) {
        if (!decision.allowed() || categories.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        java.time.OffsetDateTime from = since == null ? java.time.OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC)
                : since.atOffset(java.time.ZoneOffset.UTC);
        return repository.exportPage(patientId, categories, from, visibility(decision),
                after == null ? new UUID(0, 0) : after, limit).map(ChartService::views);
    }

    // ------------------------------------------------------------------ writing

    /**
     * Adds an entry. With an Idempotency-Key, a retry with the same body gets the first answer back
     * and writes nothing; the same key with another body is a 422.
     */
    @WithTransaction
    public Uni<StoredAnswer> create(Caller caller, UUID patientId, ChartEntryInput input, String idempotencyKey) {
        DataCategory category = input == null || input.category() == null ? null
                : DataCategory.fromCode(input.category()).orElse(null);
        return accessPolicy.authorize(caller, Action.WRITE, patientId, category, ENTRY, null).chain(decision -> {
            Instant now = now();
            EntryValidator.validate(input, false, now);
            return claim(caller, idempotencyKey, hash(patientId, input)).chain(prior -> {
                if (prior.isPresent()) {
                    return Uni.createFrom().item(prior.get());
                }
                ChartEntryRow row = new ChartEntryRow(UUID.randomUUID(), patientId, input.category(), 1, input.status(),
                        input.code().system(), input.code().code(), input.code().display(), input.effectiveAt(), now,
                        input.valueQuantity(), input.valueUnit(), input.valueText(), input.referenceLow(),
                        input.referenceHigh(), EntryValidator.interpretation(input), input.body(), null,
                        Boolean.TRUE.equals(input.sensitive()), caller.accountId(), now, 0);
                boolean lab = Clinical.isLabResult(row.category(), row.code());
                return repository.lockChart(patientId)
                        .chain(() -> repository.insert(row))
                        .chain(() -> repository.insertVersion(row, null, null))
                        .chain(() -> unitOfWork.finish(AuditEntry.success(caller, AuditAction.CREATE, patientId,
                                        decision.basis().code(), ENTRY, row.id().toString()),
                                new EventDraft(lab ? EventKind.LAB_RESULT_ADDED : EventKind.ENTRY_ADDED,
                                        patientId, row.category(), row.id().toString(),
                                        lab ? "New lab result" : "New chart entry", caller.accountId(), row.sensitive())))
                        .chain(() -> answer(caller, idempotencyKey, 201, location(patientId, row.id()), view(row)));
            });
        });
    }

    /** Writes a new version when {@code ifMatch} is the entry's current ETag; otherwise 412 and nothing is written. */
    @WithTransaction
    public Uni<ChartEntryView> update(Caller caller, UUID patientId, UUID entryId, String ifMatch, ChartEntryInput input) {
        return accessPolicy.authorize(caller, Action.WRITE, patientId, null, ENTRY, entryId.toString()).chain(decision -> {
            Instant now = now();
            EntryValidator.validate(input, true, now);
            return repository.lockChart(patientId)
                    .chain(() -> writableRow(decision, patientId, entryId, ifMatch))
                    .chain(current -> {
                        if (!current.category().equals(input.category())) {
                            throw ProblemException.invalid("category", "cannot change; retract the entry and add a new one");
                        }
                        ChartEntryRow next = changed(current, input, caller.accountId(), now);
                        return write(current, next, input.reason(), null, EventKind.ENTRY_CHANGED, "Chart entry updated",
                                caller, decision.basis().code(), AuditAction.UPDATE);
                    });
        });
    }

    /** Marks an entry entered-in-error as a new version; the history keeps every earlier version. */
    @WithTransaction
    public Uni<ChartEntryView> retract(Caller caller, UUID patientId, UUID entryId, String ifMatch, String reason) {
        return accessPolicy.authorize(caller, Action.WRITE, patientId, null, ENTRY, entryId.toString()).chain(decision -> {
            EntryValidator.reason(reason);
            return repository.lockChart(patientId)
                    .chain(() -> writableRow(decision, patientId, entryId, ifMatch))
                    .chain(current -> write(current, current.nextVersion(caller.accountId(), now())
                                    .withStatus(Clinical.ENTERED_IN_ERROR), reason, null, EventKind.ENTRY_RETRACTED,
                            "Chart entry retracted", caller, decision.basis().code(), AuditAction.RETRACT));
        });
    }

    /**
     * A new version of an entry that answers an accepted amendment request, citing it. Runs in the
     * caller's transaction: the amendment feature has already authorized the decision.
     */
    public Uni<ChartEntryView> amend(Caller caller, String basis, UUID patientId, UUID entryId, ChartEntryInput input,
                                     UUID amendmentId) {
        Instant now = now();
        EntryValidator.validate(input, true, now);
        return repository.lockChart(patientId)
                .chain(() -> repository.find(patientId, entryId))
                .chain(found -> {
                    ChartEntryRow current = found.orElseThrow(ProblemException::notFound);
                    if (Clinical.ENTERED_IN_ERROR.equals(current.status())) {
                        throw ProblemException.conflict("A retracted entry cannot be changed.");
                    }
                    if (!current.category().equals(input.category())) {
                        throw ProblemException.invalid("correction.category", "cannot change");
                    }
                    return write(current, changed(current, input, caller.accountId(), now), input.reason(), amendmentId,
                            EventKind.ENTRY_CHANGED, "Chart entry updated", caller, basis, AuditAction.UPDATE);
                });
    }

    // ------------------------------------------------------------------ documents

    /** Stores a PDF, PNG or JPEG (checked by its first bytes too) and adds a document entry pointing at it. */
    @WithTransaction
    public Uni<DocumentView> addDocument(Caller caller, UUID patientId, String contentType, String fileName, String title,
                                         boolean sensitive, byte[] content) {
        return accessPolicy.authorize(caller, Action.WRITE, patientId, DataCategory.DOCUMENT, DOCUMENT, null).chain(decision -> {
            Instant now = now();
            UUID documentId = UUID.randomUUID();
            byte[] sha256 = sha256(content);
            String display = title != null && !title.isBlank() ? title : fileName != null ? fileName : "Document";
            if (display.length() > EntryValidator.DISPLAY_MAX) {
                throw ProblemException.invalid("title", "is longer than " + EntryValidator.DISPLAY_MAX + " characters");
            }
            ChartEntryRow row = new ChartEntryRow(UUID.randomUUID(), patientId, "document", 1, "current", Clinical.LOINC,
                    "11503-0", display, now, now, null, null, null, null, null, null, null, documentId, sensitive,
                    caller.accountId(), now, 0);
            return repository.lockChart(patientId)
                    .chain(() -> repository.insertDocument(documentId, patientId, contentType, content, sha256, fileName,
                            caller.accountId(), now))
                    .chain(() -> repository.insert(row))
                    .chain(() -> repository.insertVersion(row, null, null))
                    .chain(() -> unitOfWork.finish(AuditEntry.success(caller, AuditAction.CREATE, patientId,
                                    decision.basis().code(), DOCUMENT, documentId.toString()),
                            new EventDraft(EventKind.DOCUMENT_ADDED, patientId, "document",
                                    row.id().toString(), "New document", caller.accountId(), sensitive)))
                    .map(ignored -> new DocumentView(documentId, row.id(), contentType, content.length,
                            HexFormat.of().formatHex(sha256), fileName, now));
        });
    }

    @WithSession
    public Uni<DocumentContent> document(Caller caller, UUID patientId, UUID documentId) {
        return documentIn(caller, patientId, documentId);
    }

    private Uni<DocumentContent> documentIn(Caller caller, UUID patientId, UUID documentId) {
        return accessPolicy.authorize(caller, Action.READ, patientId, DataCategory.DOCUMENT, DOCUMENT, documentId.toString())
                .chain(decision -> repository.document(patientId, documentId).map(found -> {
                    ChartRows.DocumentRow row = found.orElseThrow(ProblemException::notFound);
                    if (!decision.visibility().shows(DataCategory.DOCUMENT, row.sensitive())) {
                        throw ProblemException.notFound();
                    }
                    return new DocumentContent(row.contentType(), HexFormat.of().formatHex(row.sha256()),
                            row.fileName(), row.content());
                }).call(content -> audit.record(AuditEntry.success(caller, AuditAction.READ, patientId,
                        decision.basis().code(), DOCUMENT, documentId.toString()))));
    }

    // ------------------------------------------------------------------ helpers

    public static String etag(ChartEntryView view) {
        return ETags.of(view.id(), view.version()).getValue();
    }

    private Uni<ChartEntryView> write(ChartEntryRow current, ChartEntryRow next, String reason, UUID amendmentId,
                                      EventKind kind, String title, Caller caller, String basis, AuditAction action) {
        return repository.advance(next, current.version())
                .chain(moved -> {
                    if (moved != 1) {
                        throw stale();
                    }
                    return repository.insertVersion(next, reason, amendmentId);
                })
                .chain(() -> unitOfWork.finish(AuditEntry.success(caller, action, next.patientId(), basis, ENTRY,
                                next.id().toString()),
                        new EventDraft(kind, next.patientId(), next.category(), next.id().toString(),
                                title, caller.accountId(), current.sensitive() || next.sensitive())))
                .map(ignored -> view(next));
    }

    private Uni<ChartEntryRow> writableRow(AccessDecision decision, UUID patientId, UUID entryId, String ifMatch) {
        return visibleRow(decision, patientId, entryId).map(current -> {
            if (ifMatch != null && !ETags.matchesStrongly(ifMatch, ETags.of(current.id(), current.version()).getValue())) {
                throw stale();
            }
            if (Clinical.ENTERED_IN_ERROR.equals(current.status())) {
                throw ProblemException.conflict("A retracted entry cannot be changed.");
            }
            return current;
        });
    }

    private static ProblemException stale() {
        return new ProblemException(ProblemType.PRECONDITION_FAILED,
                "The entry changed since you read it. Read it again and reapply your change.");
    }

    private Uni<ChartEntryRow> visibleRow(AccessDecision decision, UUID patientId, UUID entryId) {
        return repository.find(patientId, entryId)
                .map(row -> row.filter(r -> ChartRepository.shows(decision.visibility(), r)).orElseThrow(ProblemException::notFound));
    }

    private static ChartEntryRow changed(ChartEntryRow current, ChartEntryInput input, UUID author, Instant now) {
        return new ChartEntryRow(current.id(), current.patientId(), current.category(), current.version() + 1,
                input.status(), input.code().system(), input.code().code(), input.code().display(), input.effectiveAt(),
                current.recordedAt(), input.valueQuantity(), input.valueUnit(), input.valueText(), input.referenceLow(),
                input.referenceHigh(), EntryValidator.interpretation(input), input.body(), current.documentId(),
                input.sensitive() == null ? current.sensitive() : input.sensitive(), author, now, 0);
    }

    private Uni<Optional<StoredAnswer>> claim(Caller caller, String key, String requestHash) {
        if (key == null) {
            return Uni.createFrom().item(Optional.empty());
        }
        return repository.forgetExpiredKey(caller.accountId(), key, now().minus(config.idempotencyKeyTtl()))
                .chain(() -> repository.claimKey(caller.accountId(), key, requestHash))
                .chain(claimed -> claimed ? Uni.createFrom().item(Optional.<StoredAnswer>empty())
                        : repository.storedAnswer(caller.accountId(), key).map(found -> {
                    ChartRows.KeyRow row = found.orElseThrow(() -> ProblemException.conflict(
                            "A request with this Idempotency-Key is being processed; retry shortly."));
                    if (!requestHash.equals(row.requestHash())) {
                        throw new ProblemException(ProblemType.UNPROCESSABLE,
                                "This Idempotency-Key was already used for a different request. Use a new key for a new request.");
                    }
                    if (row.status() == null) {
                        throw ProblemException.conflict("A request with this Idempotency-Key is being processed; retry shortly.");
                    }
                    return Optional.of(new StoredAnswer(row.status(), row.location(), row.body(), row.etag()));
                }));
    }

    private Uni<StoredAnswer> answer(Caller caller, String key, int status, String location, ChartEntryView view) {
        StoredAnswer answer = new StoredAnswer(status, location, toJson(view), etag(view));
        if (key == null) {
            return Uni.createFrom().item(answer);
        }
        return repository.storeAnswer(caller.accountId(), key, status, location, answer.body(), answer.etag())
                .replaceWith(answer);
    }

    /** The request a key stands for: its target (the patient) and its canonical body. */
    private String hash(UUID patientId, ChartEntryInput input) {
        return HexFormat.of().formatHex(sha256((patientId + "\n" + toJson(input)).getBytes(StandardCharsets.UTF_8)));
    }

    /** Forgets idempotency keys older than their time to live; returns how many. */
    @WithTransaction
    public Uni<Integer> forgetExpiredIdempotencyKeys() {
        return repository.forgetExpiredKeys(now().minus(config.idempotencyKeyTtl()));
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName());
        }
    }

    static byte[] sha256(byte[] content) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(content);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String location(UUID patientId, UUID entryId) {
        return "/api/v1/patients/" + patientId + "/chart/entries/" + entryId;
    }

    private Instant now() {
        return Instant.now(clock).truncatedTo(ChronoUnit.MICROS);
    }

    private static Visibility visibility(AccessDecision decision) {
        return decision.visibility();
    }

    private static List<ChartEntryView> views(List<ChartEntryRow> rows) {
        return rows.stream().map(ChartService::view).toList();
    }

    static ChartEntryView view(ChartEntryRow r) {
        return new ChartEntryView(r.id(), r.patientId(), r.category(), r.version(), r.status(),
                new CodeView(r.codeSystem(), r.code(), r.display()), r.effectiveAt(), r.recordedAt(), r.valueQuantity(),
                r.valueUnit(), r.valueText(), r.referenceLow(), r.referenceHigh(), r.interpretation(),
                Clinical.abnormal(r.interpretation()), r.body(), r.documentId(), r.sensitive(), r.authorId(),
                r.updatedAt());
    }

    private static EntryVersionView version(ChartRows.VersionRow row) {
        ChartEntryRow entry = row.entry();
        return new EntryVersionView(entry.version(), view(entry), entry.authorId(), row.authorName(),
                entry.updatedAt(), row.reason(), row.amendmentId());
    }

    private static EntryAmendmentView amendment(ChartRows.AmendmentOfEntry r) {
        return new EntryAmendmentView(r.id(), r.status(), r.requestedAt(), r.reason(), r.decidedAt(),
                r.decisionReason(), r.disagreement(), r.disagreementAt());
    }
}
