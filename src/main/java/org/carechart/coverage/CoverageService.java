package org.carechart.coverage;

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
import org.carechart.common.ProblemException;
import org.carechart.coverage.api.CoverageView;
import org.carechart.identity.Caller;

import java.util.List;
import java.util.UUID;

/**
 * A patient's insurance coverage, read through the access policy (category {@code coverage}:
 * grants, proxies, SMART {@code Coverage} scopes, break-the-glass as for any category) and recorded
 * in the audit trail: one {@code read} event naming the coverages returned.
 */
@ApplicationScoped
public class CoverageService {

    static final String COVERAGE = "coverage";

    @Inject
    CoverageRepository repository;

    @Inject
    AccessPolicy policy;

    @Inject
    AuditService audit;

    @WithTransaction
    public Uni<List<CoverageView>> list(Caller caller, UUID patientId) {
        return listIn(caller, patientId);
    }

    /** One coverage for a caller who names only it (a FHIR id): unknown and hidden are both 404. */
    @WithTransaction
    public Uni<CoverageView> get(Caller caller, UUID coverageId) {
        return repository.patientOf(coverageId).chain(patient -> patient
                .map(p -> policy.authorize(caller, Action.READ, p, DataCategory.COVERAGE, COVERAGE, coverageId.toString())
                        .chain(decision -> repository.ofPatient(p)
                                .map(all -> all.stream().filter(c -> c.id().equals(coverageId)).findFirst()
                                        .orElseThrow(ProblemException::notFound))
                                .call(found -> audit.record(AuditEntry.success(caller, AuditAction.READ, p,
                                        decision.basis().code(), COVERAGE, coverageId.toString())))))
                .orElseGet(() -> Uni.createFrom().failure(ProblemException.notFound())));
    }

    /**
     * A patient's coverages under a decision already made for the whole patient (bulk export): none when
     * the decision does not cover {@code coverage}. The caller records the disclosure.
     */
    public Uni<List<CoverageView>> ofPatient(AccessDecision decision, UUID patientId) {
        return decision.allowed() && decision.covers(DataCategory.COVERAGE) ? repository.ofPatient(patientId)
                : Uni.createFrom().item(List.of());
    }

    private Uni<List<CoverageView>> listIn(Caller caller, UUID patientId) {
        return policy.authorize(caller, Action.READ, patientId, DataCategory.COVERAGE, COVERAGE, null)
                .chain(decision -> repository.ofPatient(patientId)
                        .call(found -> audit.record(AuditEntry.success(caller, AuditAction.READ, patientId,
                                decision.basis().code(), COVERAGE, found.isEmpty() ? null
                                        : String.join(",", found.stream().map(c -> c.id().toString()).toList())))));
    }
}
