package org.carechart.export;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.AccessPolicy;
import org.carechart.access.PatientListScope;
import org.carechart.access.SmartScopes;
import org.carechart.export.ExportRepository.Membership;
import org.carechart.export.api.ExportManifest;
import org.carechart.export.api.FhirGroup;
import org.carechart.fhir.FhirType;
import org.carechart.identity.Caller;
import org.carechart.identity.Role;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Bulk Data export use cases: kick-off (validation, the per-client bound, the job row), status and
 * manifest, cancel, file access, and the Groups a caller may export. The job runs in
 * {@link ExportWorker}; which patients and categories it writes is the access policy's decision,
 * taken per patient when its chunk runs.
 */
@ApplicationScoped
public class ExportService {

    /** The three spellings Bulk Data 2.0 says a server must accept. */
    static final Set<String> OUTPUT_FORMATS = Set.of("application/fhir+ndjson", "application/ndjson", "ndjson");

    /** Resource types an export writes (the chart types, Patient, Provenance), in manifest order. */
    static final List<String> EXPORTABLE = exportable();

    /** Kick-off parameters of Bulk Data 2.0 this server does not implement: refused rather than ignored. */
    private static final Set<String> UNSUPPORTED = Set.of("_typeFilter", "_elements", "patient", "includeAssociatedData",
            "_until", "organizeOutputBy", "allowPartialManifests");

    static final String ORGANIZATION_GROUP = "org-";
    static final String CONSENT_GROUP = "consent-";
    private static final UUID NONE = new UUID(0, 0);

    @Inject
    ExportRepository repository;

    @Inject
    AccessPolicy policy;

    @Inject
    ExportConfig config;

    @Inject
    ExportFiles files;

    @Inject
    ObjectMapper json;

    Clock clock = Clock.systemUTC();

    private static List<String> exportable() {
        List<String> types = new ArrayList<>();
        types.add(FhirType.PATIENT.typeName());
        for (FhirType type : FhirType.values()) {
            if (!type.chartCategories().isEmpty() || type == FhirType.DIAGNOSTIC_REPORT || type == FhirType.COVERAGE) {
                types.add(type.typeName());
            }
        }
        types.add(FhirType.PROVENANCE.typeName());
        return List.copyOf(types);
    }

    /** What a kick-off asks for, once validated. */
    record Request(String level, String groupId, List<String> types, Instant since, String outputFormat) {
    }

    /** Validates the kick-off parameters: 400 OperationOutcome naming the parameter, before anything is written. */
    static Request request(String level, String groupId, String prefer, Map<String, List<String>> params) {
        if (prefer == null || !prefer.toLowerCase(java.util.Locale.ROOT).contains("respond-async")) {
            throw ExportException.badRequest("Prefer", "a bulk export must be asked for with 'Prefer: respond-async'.");
        }
        for (String name : params.keySet()) {
            if (UNSUPPORTED.contains(name)) {
                throw ExportException.notSupported(name, "this server does not support the parameter.");
            }
        }
        String format = one(params, "_outputFormat").orElse("application/fhir+ndjson");
        if (!OUTPUT_FORMATS.contains(format)) {
            throw ExportException.badRequest("_outputFormat", "only application/fhir+ndjson is supported.");
        }
        Set<String> types = new LinkedHashSet<>();
        for (String value : params.getOrDefault("_type", List.of())) {
            for (String type : value.split(",")) {
                String name = type.trim();
                if (name.isEmpty()) {
                    continue;
                }
                if (!EXPORTABLE.contains(name)) {
                    throw ExportException.badRequest("_type", "'" + name + "' is not a type this server exports "
                            + "(it exports " + String.join(", ", EXPORTABLE) + ").");
                }
                types.add(name);
            }
        }
        List<String> ordered = types.isEmpty() ? EXPORTABLE : EXPORTABLE.stream().filter(types::contains).toList();
        Instant since = one(params, "_since").map(ExportService::instant).orElse(null);
        return new Request(level, groupId, ordered, since, format);
    }

    private static Optional<String> one(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        if (values == null || values.isEmpty()) {
            return Optional.empty();
        }
        if (values.size() > 1) {
            throw ExportException.badRequest(name, "give it once.");
        }
        return Optional.of(values.get(0));
    }

    private static Instant instant(String value) {
        try {
            Instant instant = OffsetDateTime.parse(value).toInstant();
            if (instant.isBefore(org.carechart.common.Instants.MIN) || instant.isAfter(Instant.parse("9999-12-31T23:59:59Z"))) {
                throw ExportException.badRequest("_since", "is out of range.");
            }
            return instant;
        } catch (DateTimeParseException e) {
            throw ExportException.badRequest("_since", "must be a FHIR instant with a time zone, e.g. 2026-01-01T00:00:00Z.");
        }
    }

    // --------------------------------------------------------------- kick-off

    /** Starts a job; its id. 429 when the client already has its bound of jobs queued or running. */
    @WithTransaction
    public Uni<UUID> kickOff(Caller caller, Request request, String requestUrl, String baseUrl) {
        membership(caller, request.level(), request.groupId()); // 404 / 403 before anything is written
        UUID id = UUID.randomUUID();
        String clientId = caller.app() == null ? null : caller.app().clientId();
        return repository.lockAccount(caller.accountId())
                .chain(() -> repository.activeJobs(caller.accountId()))
                .chain(active -> {
                    if (active >= config.maxJobsPerClient()) {
                        return Uni.createFrom().failure(ExportException.tooMany(config.retryAfterSeconds() * 5));
                    }
                    return repository.deidentifiedExport(clientId);
                })
                .chain(deidentify -> repository.insert(id, clientId, caller.accountId(), snapshot(caller), request.level(),
                        request.groupId(), request.types(), request.since(), request.outputFormat(), requestUrl, baseUrl,
                        deidentify, clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS)))
                .replaceWith(id);
    }

    private String snapshot(Caller caller) {
        try {
            return json.writeValueAsString(CallerSnapshot.of(caller));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the caller");
        }
    }

    Caller caller(ExportJob job) {
        try {
            return json.readValue(job.caller(), CallerSnapshot.class).caller();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot read the job's caller");
        }
    }

    /**
     * The patients an export of this level nominates: a group's members, or for Patient and system
     * level every patient the caller may reach (an app: those with a grant in force to it or its
     * organization; staff and providers: the policy's patient list scope). 404 for a group the caller
     * may not see, 403 when the caller may reach no patients at this level.
     */
    Membership membership(Caller caller, String level, String groupId) {
        if ("group".equals(level)) {
            return visibleGroup(caller, groupId).map(ExportService::members).orElseThrow(ExportException::notFound);
        }
        if ("system".equals(level) && caller.scopes().stream().noneMatch(s -> SmartScopes.parse(s)
                .filter(scope -> scope.context().equals("system") && scope.read()).isPresent())) {
            throw ExportException.forbidden("A system-level export needs a SMART Backend Services token with system/ read scopes.");
        }
        if (caller.has(Role.APP)) {
            return new Membership(ExportRepository.CONSENTED_MEMBERS, Map.of("grantee", caller.accountId(),
                    "granteeOrganization", caller.organizationId() == null ? NONE : caller.organizationId()));
        }
        PatientListScope scope = policy.patientListScope(caller)
                .orElseThrow(() -> ExportException.forbidden("You may not export patients' data."));
        return new Membership(scope.condition(), Map.of("scopeAccount", scope.account(), "scopeOrganization", scope.organization()));
    }

    // --------------------------------------------------------------- groups

    /** A group this server defines: an organization's patients, or the patients who consented to an app. */
    record GroupRef(String id, boolean organization, UUID subject) {
    }

    static Optional<GroupRef> parseGroup(String id) {
        try {
            if (id.startsWith(ORGANIZATION_GROUP)) {
                return Optional.of(new GroupRef(id, true, UUID.fromString(id.substring(ORGANIZATION_GROUP.length()))));
            }
            if (id.startsWith(CONSENT_GROUP)) {
                return Optional.of(new GroupRef(id, false, UUID.fromString(id.substring(CONSENT_GROUP.length()))));
            }
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /**
     * The groups a caller sees: records staff their organization's patients; a registered app (a
     * payer's, a registry's system client) the patients who consented to it. Nobody else sees any.
     */
    static List<GroupRef> visibleGroups(Caller caller) {
        List<GroupRef> groups = new ArrayList<>();
        if (caller.has(Role.STAFF) && caller.organizationId() != null) {
            groups.add(new GroupRef(ORGANIZATION_GROUP + caller.organizationId(), true, caller.organizationId()));
        }
        if (caller.has(Role.APP) && caller.accountId() != null) {
            groups.add(new GroupRef(CONSENT_GROUP + caller.accountId(), false, caller.accountId()));
        }
        return groups;
    }

    static Optional<GroupRef> visibleGroup(Caller caller, String id) {
        return id == null ? Optional.empty() : visibleGroups(caller).stream().filter(g -> g.id().equals(id)).findFirst();
    }

    static Membership members(GroupRef group) {
        return group.organization()
                ? new Membership(ExportRepository.ORGANIZATION_MEMBERS, Map.of("organization", group.subject()))
                : new Membership(ExportRepository.CONSENTED_MEMBERS, Map.of("grantee", group.subject(),
                "granteeOrganization", group.subject()));
    }

    /** The caller's groups, with their sizes, without members. */
    @WithSession
    public Uni<List<FhirGroup>> groups(Caller caller) {
        Uni<List<FhirGroup>> all = Uni.createFrom().item(new ArrayList<>());
        for (GroupRef ref : visibleGroups(caller)) {
            all = all.chain(list -> group(ref, false).map(g -> {
                list.add(g);
                return list;
            }));
        }
        return all;
    }

    /** One group with its members; 404 for a group the caller may not see. */
    @WithSession
    public Uni<FhirGroup> group(Caller caller, String id) {
        return visibleGroup(caller, id).map(ref -> group(ref, true))
                .orElseGet(() -> Uni.createFrom().failure(ExportException.notFound()));
    }

    private static final int MEMBERS_LISTED = 10_000;

    private Uni<FhirGroup> group(GroupRef ref, boolean withMembers) {
        Membership membership = members(ref);
        Uni<Optional<String>> name = ref.organization() ? repository.organizationName(ref.subject())
                : repository.appName(ref.subject());
        return name.chain(n -> repository.count(membership).chain(count -> {
            Uni<List<UUID>> members = withMembers ? repository.patients(membership, null, MEMBERS_LISTED)
                    : Uni.createFrom().item(List.of());
            return members.map(ids -> new FhirGroup("Group", ref.id(), "person", true,
                    ref.organization() ? "Patients of " + n.orElse("the organization")
                            : "Patients who consented to " + n.orElse("the app"),
                    count.intValue(), ref.organization()
                    ? new FhirGroup.Reference("Organization/" + ref.subject(), n.orElse(null)) : null,
                    ids.stream().map(p -> new FhirGroup.Member(new FhirGroup.Reference("Patient/" + p, null))).toList()));
        }));
    }

    // --------------------------------------------------------------- status, cancel, files

    /** What a status request sees. */
    sealed interface Status permits Running, Complete, Failed {
    }

    record Running(int patientsDone, Integer patientsTotal, long resources) implements Status {
    }

    record Complete(ExportManifest manifest, Instant expires) implements Status {
    }

    record Failed(String error) implements Status {
    }

    @WithSession
    public Uni<Status> status(Caller caller, UUID jobId) {
        return own(caller, jobId).chain(job -> switch (job.status()) {
            case "queued", "running" -> Uni.createFrom().item(new Running(job.patientsDone(), job.patientsTotal(), job.resourcesDone()));
            case "failed" -> Uni.createFrom().item(new Failed(job.error()));
            default -> repository.files(job.id()).map(list -> new Complete(manifest(job, list), job.expiresAt()));
        });
    }

    private static ExportManifest manifest(ExportJob job, List<ExportFile> list) {
        List<ExportManifest.Output> output = new ArrayList<>();
        for (String type : job.types()) {
            list.stream().filter(f -> f.type().equals(type) && f.count() > 0).findFirst().ifPresent(f -> output.add(
                    new ExportManifest.Output(type, job.baseUrl() + "/$export-file/" + job.id() + "/" + f.fileName(), f.count())));
        }
        return new ExportManifest(job.transactionTime().toString(), job.requestUrl(), true, output, List.of());
    }

    /** Cancels a job (queued, running or finished); its files go with the next clean-up. */
    @WithTransaction
    public Uni<Void> cancel(Caller caller, UUID jobId) {
        return own(caller, jobId).chain(job -> repository.cancel(job.id())).replaceWithVoid();
    }

    /** A finished job's file, for the client that asked only (anyone else: 404). */
    @WithSession
    public Uni<Path> file(Caller caller, UUID jobId, String fileName) {
        return own(caller, jobId).chain(job -> {
            if (!"complete".equals(job.status())) {
                return Uni.createFrom().failure(ExportException.notFound());
            }
            return repository.files(job.id()).map(list -> list.stream().filter(f -> f.fileName().equals(fileName) && f.count() > 0)
                    .findFirst().map(f -> files.file(job.id(), f.fileName())).orElseThrow(ExportException::notFound));
        });
    }

    /** The job, if it is this caller's and not cancelled or expired; 404 otherwise (ids cannot be probed). */
    private Uni<ExportJob> own(Caller caller, UUID jobId) {
        return repository.job(jobId).map(found -> found
                .filter(job -> job.accountId().equals(caller.accountId()))
                .filter(job -> !"cancelled".equals(job.status()))
                .filter(job -> job.expiresAt() == null || job.expiresAt().isAfter(clock.instant()))
                .orElseThrow(ExportException::notFound));
    }
}
