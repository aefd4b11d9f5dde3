package org.carechart.export;

import org.carechart.common.OffTheEventLoop;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.carechart.access.AccessDecision;
import org.carechart.access.AccessPolicy;
import org.carechart.access.Action;
import org.carechart.audit.AuditAction;
import org.carechart.audit.AuditEntry;
import org.carechart.audit.AuditService;
import org.carechart.chart.ChartService;
import org.carechart.chart.api.ChartEntryView;
import org.carechart.fhir.FhirService;
import org.carechart.fhir.FhirType;
import org.carechart.fhir.FhirService.Mapped;
import org.carechart.identity.Caller;
import org.carechart.patient.PatientService;
import org.jboss.logging.Logger;

import java.io.ByteArrayOutputStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs export jobs. Any instance takes a queued job, or one whose lease ran out (the instance
 * running it died), with {@code FOR UPDATE SKIP LOCKED}; it then works patient chunk by patient
 * chunk in patient id order. One chunk is one transaction, which first renews the lease and so
 * locks the job's row until it commits (no other instance can claim a job while a chunk of it is
 * being written; a dead instance's connection, and with it the lock, goes away): ask the access policy for each patient
 * (as the caller who asked, now: a revoked grant leaves the patient out from that moment), read
 * their entries in keyset pages, map them with the FHIR mapper, append the NDJSON lines to the
 * type's file (off the event loop), record one disclosure per exported patient, and move the
 * checkpoint (last patient id, each file's length and count) and the lease forward. A chunk that
 * did not commit leaves bytes past the checkpoint, which the next run cuts off before it writes:
 * every resource lands exactly once. Memory is bounded by one chunk, whatever the export's size.
 */
@ApplicationScoped
public class ExportWorker {

    private static final Logger LOG = Logger.getLogger(ExportWorker.class);
    static final String RESOURCE_TYPE = "bulk-export";

    @Inject
    ExportRepository repository;

    @Inject
    ExportService service;

    @Inject
    ExportFiles files;

    @Inject
    ExportConfig config;

    @Inject
    AccessPolicy policy;

    @Inject
    ChartService chart;

    @Inject
    PatientService patients;

    @Inject
    FhirService fhir;

    @Inject
    AuditService audit;

    @Inject
    ObjectMapper json;

    @Inject
    Instance<Deidentifier> deidentifiers;

    @Inject
    org.carechart.common.DatabaseStatus database;

    Clock clock = Clock.systemUTC();

    /** This instance, as lease owner. */
    final String owner = "instance-" + UUID.randomUUID();

    private final AtomicInteger crashAfterChunks = new AtomicInteger(-1);
    private volatile boolean paused;

    /** Tests: the worker stops taking jobs (the job stays queued) until resumed. */
    void pause(boolean pause) {
        this.paused = pause;
    }

    /**
     * Tests: after this many committed chunks of the next job, the worker writes the following
     * chunk's lines and then dies before committing it, keeping its lease, as a crashed instance does.
     */
    void crashAfter(int chunks) {
        crashAfterChunks.set(chunks);
    }

    /** Tests: whether a simulated crash is still to come. */
    boolean crashPending() {
        return crashAfterChunks.get() >= 0;
    }

    @Scheduled(every = "${carechart.export.poll:1s}", delayed = "${carechart.export.poll-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> poll() {
        if (paused || database.isDown()) {
            return Uni.createFrom().voidItem(); // during an outage the probe reconnects; jobs wait, their leases run out
        }
        return Panache.withTransaction(() -> repository.claim(owner, config.lease().toMillis()))
                .chain(job -> job.map(this::run).orElseGet(() -> Uni.createFrom().voidItem()))
                .onFailure().invoke(e -> LOG.warnf("export poll failed: %s", e.getClass().getName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    /** Removes expired exports and cancelled ones no instance is running: files first, then rows. */
    @Scheduled(every = "${carechart.export.cleanup-every:5m}", delayed = "${carechart.export.poll-delay:2s}",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> cleanup() {
        if (database.isDown()) {
            return Uni.createFrom().voidItem();
        }
        return removeExpired().onFailure().invoke(e -> LOG.warnf("export clean-up failed: %s", e.getClass().getName()))
                .onFailure().recoverWithNull().replaceWithVoid();
    }

    Uni<Integer> removeExpired() {
        return Panache.withSession(() -> repository.removable(100)).chain(ids -> {
            Uni<Integer> removed = Uni.createFrom().item(0);
            for (UUID id : ids) {
                removed = removed.chain(n -> OffTheEventLoop.run(() -> {
                    files.deleteJob(id);
                    return n;
                })).chain(n -> Panache.withTransaction(() -> repository.delete(id)).map(d -> n + d));
            }
            return removed;
        });
    }

    // --------------------------------------------------------------- one job

    /** The state of a run between chunks: the checkpoint as committed. */
    private static final class Run {
        final ExportJob job;
        final Caller caller;
        final ExportRepository.Membership membership;
        final Deidentifier deidentifier;
        final Map<String, ExportFile> files = new LinkedHashMap<>();
        /** Authors already looked up (Provenance), kept across chunks; bounded. */
        final Map<UUID, org.carechart.fhir.FhirMapper.Party> authors = new java.util.HashMap<>();
        UUID lastPatient;
        int chunks;

        Run(ExportJob job, Caller caller, ExportRepository.Membership membership, Deidentifier deidentifier) {
            this.job = job;
            this.caller = caller;
            this.membership = membership;
            this.deidentifier = deidentifier;
            this.lastPatient = job.lastPatientId();
        }
    }

    /** Signals that this instance no longer holds the job (cancelled, or taken over): stop quietly. */
    private static final class LeaseLost extends RuntimeException {
        LeaseLost() {
            super("lease lost", null, false, false);
        }
    }

    private static final class SimulatedCrash extends RuntimeException {
        SimulatedCrash() {
            super("simulated crash", null, false, false);
        }
    }

    Uni<Void> run(ExportJob job) {
        Run run;
        try {
            Deidentifier deidentifier = null;
            if (job.deidentify()) {
                if (!deidentifiers.isResolvable()) {
                    return failJob(job, "This client receives de-identified data only, and no de-identification is deployed.");
                }
                deidentifier = deidentifiers.get();
            }
            Caller caller = service.caller(job);
            run = new Run(job, caller, service.membership(caller, job.level(), job.groupId()), deidentifier);
        } catch (ExportException e) {
            return failJob(job, e.outcome.issue().get(0).diagnostics());
        }
        return Panache.withTransaction(() -> repository.files(job.id())
                        .call(list -> job.patientsTotal() != null ? Uni.createFrom().nullItem()
                                : repository.count(run.membership).chain(n -> repository.total(job.id(), owner, n.intValue()))))
                .chain(list -> OffTheEventLoop.run(() -> {
                    // a resumed job: cut every file back to its checkpoint before writing on
                    for (ExportFile file : list) {
                        files.truncate(job.id(), file.fileName(), file.bytes());
                        run.files.put(file.type(), file);
                    }
                    return list;
                }))
                .chain(ignored -> chunks(run))
                .onFailure(LeaseLost.class).recoverWithNull()
                .onFailure(SimulatedCrash.class).recoverWithNull()
                .onFailure(org.carechart.common.DatabaseStatus::isOutage).recoverWithUni(e -> {
                    // the database went away: the job stays leased; once its lease runs out a worker resumes it
                    LOG.warnf("export %s paused by a database outage; it resumes from its checkpoint", job.id());
                    return Uni.createFrom().voidItem();
                })
                .onFailure().recoverWithUni(e -> {
                    LOG.errorf("export %s failed: %s", job.id(), e.getClass().getName());
                    LOG.debug("export failure", e);
                    return failJob(job, "The export failed on the server; start a new one.");
                })
                .replaceWithVoid();
    }

    private Uni<Void> chunks(Run run) {
        return Uni.createFrom().voidItem().chain(() -> chunk(run)).repeat().until(more -> !more).collect().last()
                .chain(() -> Panache.withTransaction(() -> repository.complete(run.job.id(), owner,
                        clock.instant().plus(config.expiry()))))
                .replaceWithVoid();
    }

    /** One chunk in one transaction; whether there may be more. */
    private Uni<Boolean> chunk(Run run) {
        Map<String, ByteArrayOutputStream> lines = new LinkedHashMap<>();
        Map<String, Long> counts = new LinkedHashMap<>();
        return Panache.withTransaction(() -> repository.renew(run.job.id(), owner, config.lease().toMillis())
                .chain(renewed -> {
                    if (renewed != 1) {
                        return Uni.createFrom().failure(new LeaseLost());
                    }
                    return repository.patients(run.membership, run.lastPatient, config.chunkPatients());
                })
                .chain(ids -> {
                    if (ids.isEmpty()) {
                        return Uni.createFrom().item(false);
                    }
                    Uni<Integer> exported = Uni.createFrom().item(0);
                    for (UUID patient : ids) {
                        exported = exported.chain(n -> patient(run, patient, lines, counts).map(wrote -> wrote ? n + 1 : n));
                    }
                    UUID last = ids.get(ids.size() - 1);
                    long resources = counts.values().stream().mapToLong(Long::longValue).sum();
                    return exported.chain(n -> write(run, lines, counts)
                            .chain(updated -> {
                                Uni<Void> saved = Uni.createFrom().voidItem();
                                for (ExportFile file : updated.values()) {
                                    saved = saved.chain(() -> repository.saveFile(file));
                                }
                                return saved.replaceWith(updated);
                            })
                            .chain(updated -> repository.checkpoint(run.job.id(), owner, config.lease().toMillis(), last,
                                    ids.size(), resources).map(rows -> {
                                if (rows != 1) {
                                    throw new LeaseLost();
                                }
                                if (crashAfterChunks.get() == run.chunks) {
                                    crashAfterChunks.set(-1);
                                    throw new SimulatedCrash(); // lines written, the transaction rolls back, the lease stays
                                }
                                run.files.putAll(updated);
                                run.lastPatient = last;
                                run.chunks++;
                                return true;
                            })));
                }));
    }

    /** One patient: decided, read, mapped, serialized into the chunk's buffers, disclosed. Whether anything was written. */
    private Uni<Boolean> patient(Run run, UUID patientId, Map<String, ByteArrayOutputStream> lines, Map<String, Long> counts) {
        List<String> types = run.job.types();
        return policy.decide(run.caller, Action.READ, patientId, null).chain(decision -> {
            if (!decision.allowed()) {
                return Uni.createFrom().item(false);
            }
            AtomicInteger written = new AtomicInteger();
            Uni<Void> demographics = types.contains("Patient") && run.job.since() == null
                    ? patients.view(decision, patientId).invoke(view -> {
                        if (view != null) {
                            written.addAndGet(add(run, FhirService.patient(view), lines, counts));
                        }
                    }).replaceWithVoid()
                    : Uni.createFrom().voidItem();
            List<String> categories = categories(types);
            List<ChartEntryView> observations = new ArrayList<>();
            Uni<Void> coverage = types.contains("Coverage") && run.job.since() == null
                    ? fhir.coverages(decision, patientId).invoke(list -> list.forEach(c -> written.addAndGet(add(run, c, lines, counts))))
                    .replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return demographics.chain(() -> entries(run, decision, patientId, categories, null, written, lines, counts, observations))
                    // panels and lab reports group a patient's observations: built once all of them are read
                    .invoke(() -> FhirService.derived(observations).forEach(d -> written.addAndGet(add(run, d, lines, counts))))
                    .chain(() -> coverage)
                    .chain(() -> written.get() == 0 ? Uni.createFrom().voidItem()
                            : audit.record(AuditEntry.success(run.caller, AuditAction.EXPORT, patientId, decision.basis().code(),
                                    RESOURCE_TYPE, run.job.id().toString()).withQuery("_type=" + String.join(",", types)
                                    + (run.job.since() == null ? "" : "&_since=" + run.job.since()))))
                    .map(ignored -> written.get() > 0);
        });
    }

    private Uni<Void> entries(Run run, AccessDecision decision, UUID patientId, List<String> categories, UUID after,
                              AtomicInteger written, Map<String, ByteArrayOutputStream> lines, Map<String, Long> counts,
                              List<ChartEntryView> observations) {
        if (categories.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        int limit = config.pageSize();
        return chart.exportPage(decision, patientId, categories, run.job.since(), after, limit).chain(page -> {
            List<ChartEntryView> shown = new ArrayList<>(page.size());
            boolean derivesAny = run.job.types().contains("Observation") || run.job.types().contains("DiagnosticReport");
            boolean provenanceOfAll = categories(run.job.types()).size() > 0 && run.job.types().stream()
                    .noneMatch(t -> !t.equals("Patient") && !t.equals("Provenance"));
            for (ChartEntryView entry : page) {
                if ("observation".equals(entry.category()) && derivesAny) {
                    observations.add(entry);
                }
                Mapped resource = FhirService.resource(entry);
                boolean asked = run.job.types().contains(resource.type());
                if (asked) {
                    written.addAndGet(add(run, resource, lines, counts));
                }
                if (asked || provenanceOfAll) {
                    shown.add(entry);
                }
            }
            Uni<Void> provenance = run.job.types().contains("Provenance")
                    ? fhir.provenance(shown, authorCache(run)).invoke(list -> list.forEach(p -> written.addAndGet(add(run, p, lines, counts))))
                    .replaceWithVoid()
                    : Uni.createFrom().voidItem();
            return provenance.chain(() -> page.size() < limit ? Uni.createFrom().voidItem()
                    : entries(run, decision, patientId, categories, page.get(page.size() - 1).id(), written, lines, counts,
                    observations));
        });
    }

    private static Map<UUID, org.carechart.fhir.FhirMapper.Party> authorCache(Run run) {
        if (run.authors.size() > 10_000) {
            run.authors.clear();
        }
        return run.authors;
    }

    /** The chart categories the requested types read (Provenance follows the entries of the other types, or all). */
    static List<String> categories(List<String> types) {
        List<String> categories = new ArrayList<>();
        boolean onlyProvenance = types.stream().allMatch(t -> t.equals("Provenance") || t.equals("Patient"))
                && types.contains("Provenance");
        for (FhirType type : FhirType.values()) {
            if (!type.chartCategories().isEmpty() && (onlyProvenance || types.contains(type.typeName()))) {
                categories.addAll(type.chartCategories());
            }
        }
        if (types.contains(FhirType.DIAGNOSTIC_REPORT.typeName()) && !categories.contains("observation")) {
            categories.add("observation"); // lab reports are built from the observations
        }
        return categories;
    }

    /** Serializes one resource (through the job's de-identifier, if any) as one NDJSON line; 1 if written. */
    private int add(Run run, Mapped resource, Map<String, ByteArrayOutputStream> lines, Map<String, Long> counts) {
        String type = resource.type();
        if (!run.job.types().contains(type)) {
            return 0;
        }
        byte[] bytes;
        try {
            if (run.deidentifier != null) {
                ObjectNode node = run.deidentifier.apply(json.valueToTree(resource.resource()), run.job.clientId());
                if (node == null) {
                    return 0;
                }
                bytes = json.writeValueAsBytes(node);
            } else {
                bytes = json.writeValueAsBytes(resource.resource());
            }
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a " + type);
        }
        ByteArrayOutputStream out = lines.computeIfAbsent(type, t -> new ByteArrayOutputStream(64 * 1024));
        out.writeBytes(bytes);
        out.write('\n');
        counts.merge(type, 1L, Long::sum);
        return 1;
    }

    /** Appends the chunk's lines to each type's file at its committed length; the files as they will be checkpointed. */
    private Uni<Map<String, ExportFile>> write(Run run, Map<String, ByteArrayOutputStream> lines, Map<String, Long> counts) {
        if (lines.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        return OffTheEventLoop.run(() -> {
            Map<String, ExportFile> updated = new LinkedHashMap<>();
            for (Map.Entry<String, ByteArrayOutputStream> e : lines.entrySet()) {
                String type = e.getKey();
                ExportFile current = Optional.ofNullable(run.files.get(type))
                        .orElse(new ExportFile(run.job.id(), type, type + ".ndjson", 0, 0));
                byte[] bytes = e.getValue().toByteArray();
                files.write(run.job.id(), current.fileName(), current.bytes(), bytes);
                updated.put(type, new ExportFile(run.job.id(), type, current.fileName(), current.bytes() + bytes.length,
                        current.count() + counts.getOrDefault(type, 0L)));
            }
            return updated;
        });
    }

    private Uni<Void> failJob(ExportJob job, String error) {
        return Panache.withTransaction(() -> repository.fail(job.id(), error, clock.instant().plus(config.expiry())))
                .replaceWithVoid();
    }
}
