package org.carechart.fhir;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.AccessDecision;
import org.carechart.chart.ChartService;
import org.carechart.chart.Clinical;
import org.carechart.coverage.CoverageService;
import org.carechart.chart.api.ChartEntryView;
import org.carechart.chart.api.EntryVersionView;
import org.carechart.chart.api.EntryQuery;
import org.carechart.common.Cursor;
import org.carechart.common.Page;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;
import org.carechart.fhir.FhirMapper.Party;
import org.carechart.fhir.api.Bundle;
import org.carechart.fhir.api.Resources;
import org.carechart.fhir.api.Resources.Resource;
import org.carechart.identity.Caller;
import org.carechart.patient.PatientService;
import org.carechart.patient.api.PatientSummary;
import org.carechart.patient.api.PatientView;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The FHIR view of the chart. Every patient-data read goes through the chart and patient services,
 * so the same access policy decides and the same audit trail records it; this class only chooses
 * what to ask and maps the answers ({@link FhirMapper}).
 */
@ApplicationScoped
public class FhirService {

    @Inject
    ChartService chart;

    @Inject
    PatientService patients;

    @Inject
    FhirRepository directory;

    @Inject
    CoverageService coverages;

    // ---------------------------------------------------------------- read and vread

    @WithSession
    public Uni<Resource> read(Caller caller, FhirType type, String rawId) {
        return switch (type) {
            case PATIENT -> patients.get(caller, uuid(rawId)).map(FhirMapper::patient);
            case PRACTITIONER -> directory.practitioners(List.of(uuid(rawId))).map(found -> {
                Party party = found.get(uuid(rawId));
                if (party == null) {
                    throw FhirException.notFound();
                }
                return FhirMapper.practitioner(party);
            });
            case ORGANIZATION -> directory.organizationName(uuid(rawId)).map(name -> FhirMapper.organization(uuid(rawId),
                    name.orElseThrow(FhirException::notFound)));
            case CARE_TEAM -> patients.careTeam(caller, uuid(rawId))
                    .map(team -> FhirMapper.careTeam(uuid(rawId), team.items()));
            case RELATED_PERSON -> directory.proxyLinkPatient(uuid(rawId)).chain(patient -> patient
                    .map(p -> patients.proxies(caller, p).map(proxies -> proxies.items().stream()
                            .filter(proxy -> proxy.id().equals(uuid(rawId))).findFirst()
                            .<Resource>map(proxy -> FhirMapper.relatedPerson(p, proxy))
                            .orElseThrow(FhirException::notFound)))
                    .orElseGet(() -> Uni.createFrom().failure(FhirException.notFound())));
            case BINARY -> chart.document(caller, uuid(rawId))
                    .map(doc -> FhirMapper.binary(uuid(rawId), doc.contentType(), doc.content()));
            case PROVENANCE -> provenance(caller, rawId);
            case DIAGNOSTIC_REPORT -> diagnosticReport(caller, rawId);
            case COVERAGE -> coverages.get(caller, uuid(rawId)).map(FhirMapper::coverage);
            case OBSERVATION -> rawId.endsWith(FhirMapper.PANEL_SUFFIX)
                    ? bloodPressure(caller, uuid(rawId.substring(0, rawId.length() - FhirMapper.PANEL_SUFFIX.length())))
                    : chart.entry(caller, uuid(rawId)).map(view -> ofType(type, view)).map(FhirMapper::entry);
            default -> chart.entry(caller, uuid(rawId)).map(view -> ofType(type, view)).map(FhirMapper::entry);
        };
    }

    /** A blood-pressure panel by id: its systolic entry (read as any entry is), then its diastolic partner. */
    private Uni<Resource> bloodPressure(Caller caller, UUID systolicId) {
        return chart.entry(caller, systolicId).chain(systolic -> {
            if (!"observation".equals(systolic.category()) || !FhirMapper.SYSTOLIC.equals(systolic.code().code())) {
                throw FhirException.notFound();
            }
            return diastolicPartners(caller, systolic.patientId(), List.of(systolic))
                    .map(partners -> FhirMapper.bloodPressure(systolic, partners.get(systolic.effectiveAt())));
        });
    }

    /**
     * The diastolic readings taken at the effective times of {@code systolic} (same patient), by
     * time: one more chart query, decided and audited like any (it names the entries it returned).
     */
    private Uni<Map<java.time.Instant, ChartEntryView>> diastolicPartners(Caller caller, UUID patient,
                                                                         List<ChartEntryView> systolic) {
        if (systolic.isEmpty()) {
            return Uni.createFrom().item(Map.of());
        }
        java.time.Instant from = systolic.stream().map(ChartEntryView::effectiveAt).min(java.util.Comparator.naturalOrder()).orElseThrow();
        java.time.Instant to = systolic.stream().map(ChartEntryView::effectiveAt).max(java.util.Comparator.naturalOrder()).orElseThrow()
                .plusNanos(1000);
        Set<java.time.Instant> times = systolic.stream().map(ChartEntryView::effectiveAt).collect(Collectors.toSet());
        EntryQuery query = new EntryQuery(List.of("observation"), false, List.of(FhirMapper.DIASTOLIC), Set.of(), from, to,
                List.of(), "fhir=Observation&code=" + FhirMapper.BP_PANEL + "&part=diastolic");
        return chart.query(caller, patient, query, null, FhirSearch.MAX_COUNT * 2).map(page -> {
            Map<java.time.Instant, ChartEntryView> byTime = new java.util.HashMap<>();
            // newest version first in the page; the first reading at a time is its partner
            page.items().stream().filter(d -> times.contains(d.effectiveAt())).forEach(d -> byTime.putIfAbsent(d.effectiveAt(), d));
            return byTime;
        });
    }

    /** One version of a chart resource, from the entry's history. */
    @WithSession
    public Uni<Resource> vread(Caller caller, FhirType type, String rawId, String versionId) {
        if (type.chartCategories().isEmpty()) {
            throw FhirException.notSupported("Versions are kept for chart resources only.");
        }
        int version = version(versionId);
        return chart.history(caller, uuid(rawId)).map(history -> history.versions().stream()
                .filter(v -> v.version() == version).findFirst()
                .map(EntryVersionView::entry).map(view -> ofType(type, view))
                .map(FhirMapper::entry).orElseThrow(FhirException::notFound));
    }

    private Uni<Resource> provenance(Caller caller, String rawId) {
        int dash = rawId.lastIndexOf('-');
        if (dash != 36) {
            throw FhirException.notFound();
        }
        UUID entryId = uuid(rawId.substring(0, dash));
        int version = version(rawId.substring(dash + 1));
        return chart.history(caller, entryId).chain(history -> {
            ChartEntryView entry = history.versions().stream().filter(v -> v.version() == version).findFirst()
                    .map(EntryVersionView::entry).orElseThrow(FhirException::notFound);
            return directory.practitioners(List.of(entry.authorId()))
                    .map(parties -> FhirMapper.provenance(entry, parties.get(entry.authorId())));
        });
    }

    // ---------------------------------------------------------------- search

    /**
     * One page of a search as a searchset Bundle, with {@code self} and {@code next} links built on
     * {@code base} (the server's FHIR base URL) and, when asked, the matches' Provenance.
     */
    @WithSession
    public Uni<Bundle> search(Caller caller, FhirType type, Map<String, List<String>> params, String base) {
        FhirSearch search = new FhirSearch(type, params);
        int count = search.count();
        Cursor after = search.one("_cursor").map(FhirService::cursor).orElse(null);
        if (!type.chartCategories().isEmpty()) {
            if (search.one("_id").isPresent()) {
                return byId(caller, type, search, base);
            }
            UUID patient = search.patient(true);
            if (search.bloodPressurePanels()) {
                return bloodPressureSearch(caller, patient, search, base, after, count);
            }
            return chart.query(caller, patient, search.entryQuery(), after, count).chain(page -> {
                List<Resource> matches = page.items().stream().map(FhirMapper::entry).toList();
                if (!search.revincludeProvenance()) {
                    return Uni.createFrom().item(bundle(type, search, base, matches, List.of(), page.nextCursor()));
                }
                Set<UUID> authors = page.items().stream().map(ChartEntryView::authorId).collect(Collectors.toCollection(LinkedHashSet::new));
                return directory.practitioners(authors).map(parties -> bundle(type, search, base, matches,
                        page.items().stream().<Resource>map(e -> FhirMapper.provenance(e, parties.get(e.authorId()))).toList(),
                        page.nextCursor()));
            });
        }
        return switch (type) {
            case DIAGNOSTIC_REPORT -> diagnosticReportSearch(caller, search, base, after, count);
            case COVERAGE -> {
                UUID patient = search.patient(true);
                yield coverages.list(caller, patient).map(found -> bundle(type, search, base,
                        found.stream().<Resource>map(FhirMapper::coverage).toList(), List.of(), null));
            }
            case PATIENT -> patientSearch(caller, search, base, count, after);
            case CARE_TEAM -> {
                UUID patient = search.patient(true);
                List<String> statuses = search.tokens("status");
                yield patients.careTeam(caller, patient).map(team -> {
                    Resources.CareTeam careTeam = FhirMapper.careTeam(patient, team.items());
                    boolean shown = statuses.isEmpty() || statuses.contains(careTeam.status());
                    return bundle(type, search, base, shown ? List.of(careTeam) : List.of(), List.of(), null);
                });
            }
            case RELATED_PERSON -> {
                if (search.one("_id").isPresent()) {
                    yield byId(caller, type, search, base);
                }
                UUID patient = search.patient(true);
                yield patients.proxies(caller, patient).map(proxies -> bundle(type, search, base,
                        proxies.items().stream().<Resource>map(proxy -> FhirMapper.relatedPerson(patient, proxy)).toList(),
                        List.of(), null));
            }
            case PRACTITIONER, ORGANIZATION -> byId(caller, type, search, base);
            default -> throw FhirException.notSupported("This server does not search " + type.typeName() + " resources.");
        };
    }

    /** Observation?code=85354-9: a page of systolic entries, each with its diastolic partner, as panels. */
    private Uni<Bundle> bloodPressureSearch(Caller caller, UUID patient, FhirSearch search, String base, Cursor after,
                                            int count) {
        return chart.query(caller, patient, search.entryQuery(), after, count).chain(page ->
                diastolicPartners(caller, patient, page.items()).chain(partners -> {
                    List<Resource> panels = page.items().stream()
                            .<Resource>map(s -> FhirMapper.bloodPressure(s, partners.get(s.effectiveAt()))).toList();
                    if (!search.revincludeProvenance()) {
                        return Uni.createFrom().item(bundle(FhirType.OBSERVATION, search, base, panels, List.of(), page.nextCursor()));
                    }
                    List<ChartEntryView[]> parts = new ArrayList<>();
                    page.items().forEach(s -> {
                        parts.add(new ChartEntryView[]{s, s});
                        ChartEntryView d = partners.get(s.effectiveAt());
                        if (d != null) {
                            parts.add(new ChartEntryView[]{d, s});
                        }
                    });
                    Set<UUID> authors = parts.stream().map(p -> p[0].authorId()).collect(Collectors.toCollection(LinkedHashSet::new));
                    return directory.practitioners(authors).map(parties -> bundle(FhirType.OBSERVATION, search, base, panels,
                            parts.stream().<Resource>map(p -> FhirMapper.provenance(p[0], parties.get(p[0].authorId()),
                                    "Observation/" + FhirMapper.panelId(p[1].id()))).toList(),
                            page.nextCursor()));
                }));
    }

    /**
     * A lab report by id ({@code patient.micros}): the patient's lab results of that time, one chart
     * query (decided on observations, recorded as a search naming the results read).
     */
    private Uni<Resource> diagnosticReport(Caller caller, String rawId) {
        int dot = rawId.indexOf('.');
        if (dot != 36) {
            throw FhirException.notFound();
        }
        UUID patient = uuid(rawId.substring(0, dot));
        java.time.Instant at;
        try {
            at = FhirMapper.reportTime(rawId.substring(dot + 1));
        } catch (NumberFormatException e) {
            throw FhirException.notFound();
        }
        FhirSearch search = new FhirSearch(FhirType.DIAGNOSTIC_REPORT, Map.of());
        EntryQuery all = search.entryQuery();
        EntryQuery query = new EntryQuery(all.categories(), false, List.of(), all.excludedCodes(), at, at.plusNanos(1000),
                List.of(), "fhir=DiagnosticReport&_id=" + rawId);
        return chart.query(caller, patient, query, null, FhirSearch.MAX_COUNT).map(page -> {
            if (page.items().isEmpty()) {
                throw FhirException.notFound();
            }
            return FhirMapper.diagnosticReport(page.items());
        });
    }

    /**
     * DiagnosticReport search: a page of lab results, grouped by patient and time into reports.
     * {@code _count} counts reports; a group the page may have cut off is left for the next page,
     * whose cursor follows the last whole group.
     */
    private Uni<Bundle> diagnosticReportSearch(Caller caller, FhirSearch search, String base, Cursor after, int count) {
        if (search.one("_id").isPresent()) {
            return byId(caller, FhirType.DIAGNOSTIC_REPORT, search, base);
        }
        UUID patient = search.patient(true);
        int rows = Math.min(Math.max(count * 8, 50), 400);
        return chart.query(caller, patient, search.entryQuery(), after, rows).chain(page -> {
            Map<java.time.Instant, List<ChartEntryView>> groups = new java.util.LinkedHashMap<>();
            page.items().forEach(e -> groups.computeIfAbsent(e.effectiveAt(), t -> new ArrayList<>()).add(e));
            List<List<ChartEntryView>> reports = new ArrayList<>(groups.values());
            if (page.nextCursor() != null && reports.size() > 1) {
                reports.remove(reports.size() - 1);
            }
            if (reports.size() > count) {
                reports = new ArrayList<>(reports.subList(0, count));
            }
            String next = null;
            if (page.nextCursor() != null || reports.size() < groups.size()) {
                List<ChartEntryView> last = reports.get(reports.size() - 1);
                ChartEntryView end = last.get(last.size() - 1);
                next = new Cursor(end.effectiveAt(), end.id()).encode();
            }
            List<Resource> matches = reports.stream().<Resource>map(FhirMapper::diagnosticReport).toList();
            String nextCursor = next;
            if (!search.revincludeProvenance()) {
                return Uni.createFrom().item(bundle(FhirType.DIAGNOSTIC_REPORT, search, base, matches, List.of(), nextCursor));
            }
            List<ChartEntryView> results = reports.stream().flatMap(List::stream).toList();
            Set<UUID> authors = results.stream().map(ChartEntryView::authorId).collect(Collectors.toCollection(LinkedHashSet::new));
            return directory.practitioners(authors).map(parties -> bundle(FhirType.DIAGNOSTIC_REPORT, search, base, matches,
                    results.stream().<Resource>map(r -> FhirMapper.provenance(r, parties.get(r.authorId()),
                            "DiagnosticReport/" + FhirMapper.reportId(r.patientId(), r.effectiveAt()))).toList(),
                    nextCursor));
        });
    }

    private Uni<Bundle> byId(Caller caller, FhirType type, FhirSearch search, String base) {
        String id = search.one("_id").orElseThrow(() -> FhirException.required("_id", "Search by _id."));
        return read(caller, type, id)
                .map(found -> bundle(type, search, base, List.of(found), List.of(), null))
                .onFailure(FhirService::notFound).recoverWithItem(() -> bundle(type, search, base, List.of(), List.of(), null));
    }

    private Uni<Bundle> patientSearch(Caller caller, FhirSearch search, String base, int count, Cursor after) {
        if (search.one("_id").isPresent()) {
            return byId(caller, FhirType.PATIENT, search, base);
        }
        List<String> identifiers = search.tokens("identifier");
        List<String> names = search.tokens("name");
        if (identifiers.size() > 1 || names.size() > 1) {
            throw FhirException.badRequest(identifiers.size() > 1 ? "identifier" : "name", "Alternatives are not supported here.");
        }
        String identifier = identifiers.isEmpty() ? null : identifiers.get(0);
        String mrn = identifier == null ? null : identifier.substring(identifier.indexOf('|') + 1);
        String q = mrn != null ? mrn : names.isEmpty() ? null : names.get(0);
        if (q == null) {
            throw FhirException.required("name", "Search patients by _id, identifier or name.");
        }
        java.time.Instant[] born = search.dates("birthdate");
        List<String> genders = search.tokens("gender");
        return patients.list(caller, q, after, count).chain(page -> {
            List<PatientSummary> matching = page.items().stream()
                    .filter(p -> mrn == null || p.mrn().equals(mrn))
                    .filter(p -> genders.isEmpty() || genders.contains(p.sex()))
                    .filter(p -> born[0] == null || !p.birthDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().isBefore(born[0]))
                    .filter(p -> born[1] == null || p.birthDate().atStartOfDay(java.time.ZoneOffset.UTC).toInstant().isBefore(born[1]))
                    .toList();
            return readAll(caller, matching).map(views -> {
                List<Resource> resources = views.stream()
                        .filter(v -> identifier == null || identifier.indexOf('|') <= 0
                                || identifier.startsWith(FhirMapper.mrnSystem(v.organizationId()) + "|"))
                        .<Resource>map(FhirMapper::patient).toList();
                return bundle(FhirType.PATIENT, search, base, resources, List.of(), page.nextCursor());
            });
        });
    }

    /** Full demographics of each listed patient, one after another on this session (each read audited). */
    private Uni<List<PatientView>> readAll(Caller caller, List<PatientSummary> listed) {
        Uni<List<PatientView>> all = Uni.createFrom().item(new ArrayList<>());
        for (PatientSummary p : listed) {
            all = all.chain(views -> patients.get(caller, p.id()).map(view -> {
                views.add(view);
                return views;
            }));
        }
        return all;
    }

    private static Bundle bundle(FhirType type, FhirSearch search, String base, List<Resource> matches,
                                 List<Resource> included, String nextCursor) {
        List<Bundle.Link> links = new ArrayList<>();
        String self = base + "/" + type.typeName() + query(search.used(), null);
        links.add(new Bundle.Link("self", self));
        if (nextCursor != null) {
            links.add(new Bundle.Link("next", base + "/" + type.typeName() + query(search.used(), nextCursor)));
        }
        List<Bundle.Entry> entries = new ArrayList<>();
        matches.forEach(r -> entries.add(new Bundle.Entry(base + "/" + r.resourceType() + "/" + r.id(), r, new Bundle.Search("match"))));
        included.forEach(r -> entries.add(new Bundle.Entry(base + "/" + r.resourceType() + "/" + r.id(), r, new Bundle.Search("include"))));
        return new Bundle("Bundle", UUID.randomUUID().toString(), null, "searchset",
                nextCursor == null && search.one("_cursor").isEmpty() ? matches.size() : null, links, entries);
    }

    private static String query(Map<String, List<String>> params, String cursor) {
        StringBuilder out = new StringBuilder();
        params.forEach((name, values) -> values.forEach(v -> out.append(out.isEmpty() ? '?' : '&')
                .append(encode(name)).append('=').append(encode(v))));
        if (cursor != null) {
            out.append(out.isEmpty() ? '?' : '&').append("_cursor=").append(encode(cursor));
        }
        return out.toString();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("%7C", "|").replace("%2C", ",").replace("%2F", "/");
    }

    // ---------------------------------------------------------------- for bulk export (package export)

    /**
     * A mapped resource as bulk export carries it: its type (which NDJSON file) and the resource
     * itself (serialized as the FHIR API serializes it).
     */
    public record Mapped(String type, String id, Object resource) {
        static Mapped of(Resource resource) {
            return new Mapped(resource.resourceType(), resource.id(), resource);
        }
    }

    /** A chart entry as its FHIR resource: {@link FhirMapper}, the one mapping, for NDJSON too. */
    public static Mapped resource(ChartEntryView entry) {
        return Mapped.of(FhirMapper.entry(entry));
    }

    /**
     * What a patient's observations imply beyond themselves, mapped as the FHIR API maps them: a
     * blood-pressure panel per systolic reading (with the diastolic reading of the same time) and a lab
     * report per time results were drawn. {@code observations}: all of one patient's exported observation
     * entries (so no group is split).
     */
    public static List<Mapped> derived(List<ChartEntryView> observations) {
        Map<java.time.Instant, ChartEntryView> diastolic = new java.util.HashMap<>();
        Map<java.time.Instant, List<ChartEntryView>> labs = new java.util.TreeMap<>();
        for (ChartEntryView e : observations) {
            if (FhirMapper.DIASTOLIC.equals(e.code().code())) {
                diastolic.putIfAbsent(e.effectiveAt(), e);
            } else if (Clinical.isLabResult(e.category(), e.code().code())) {
                labs.computeIfAbsent(e.effectiveAt(), t -> new ArrayList<>()).add(e);
            }
        }
        List<Mapped> derived = new ArrayList<>();
        for (ChartEntryView e : observations) {
            if (FhirMapper.SYSTOLIC.equals(e.code().code())) {
                derived.add(Mapped.of(FhirMapper.bloodPressure(e, diastolic.get(e.effectiveAt()))));
            }
        }
        labs.values().forEach(results -> derived.add(Mapped.of(FhirMapper.diagnosticReport(results))));
        return derived;
    }

    /** A patient's coverages under a decision made for the whole patient (bulk export), as US Core Coverage. */
    public Uni<List<Mapped>> coverages(AccessDecision decision, UUID patientId) {
        return coverages.ofPatient(decision, patientId)
                .map(list -> list.stream().map(c -> Mapped.of(FhirMapper.coverage(c))).toList());
    }

    /** A patient's demographics as a US Core Patient. */
    public static Mapped patient(PatientView patient) {
        return Mapped.of(FhirMapper.patient(patient));
    }

    /**
     * The Provenance of each entry's current version. Authors are looked up in {@code known} first
     * (a bulk export keeps them across chunks: a data set has few authors), the rest with one
     * directory read, and added to it.
     */
    public Uni<List<Mapped>> provenance(List<ChartEntryView> entries, Map<UUID, Party> known) {
        if (entries.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        Set<UUID> missing = entries.stream().map(ChartEntryView::authorId).filter(a -> !known.containsKey(a))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        Uni<Map<UUID, Party>> found = missing.isEmpty() ? Uni.createFrom().item(Map.of()) : directory.practitioners(missing);
        return found.map(parties -> {
            missing.forEach(a -> known.put(a, parties.get(a)));
            return entries.stream().map(e -> Mapped.of(FhirMapper.provenance(e, known.get(e.authorId())))).toList();
        });
    }

    // ---------------------------------------------------------------- helpers

    private static ChartEntryView ofType(FhirType type, ChartEntryView view) {
        if (!type.chartCategories().contains(view.category())) {
            throw FhirException.notFound();
        }
        return view;
    }

    private static boolean notFound(Throwable failure) {
        return failure instanceof FhirException f && f.status == 404
                || failure instanceof ProblemException p && p.type() == ProblemType.NOT_FOUND;
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw FhirException.notFound();
        }
    }

    private static int version(String versionId) {
        try {
            return Integer.parseInt(versionId);
        } catch (NumberFormatException e) {
            throw FhirException.notFound();
        }
    }

    private static Cursor cursor(String token) {
        try {
            return Cursor.decode(token);
        } catch (ProblemException e) {
            throw FhirException.badRequest("_cursor", "is not a page link this server issued.");
        }
    }

}
