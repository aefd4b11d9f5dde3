package org.carechart.access;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.Cursor;
import org.carechart.common.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * The one place that changes the facts access decisions rest on: care-team links, proxy links and
 * break-the-glass sessions. It does not decide who may change them (the feature asks
 * {@link AccessPolicy} first) and runs in the caller's transaction, so the change, its audit event
 * and any notification commit together. Links are never deleted: they end.
 */
@ApplicationScoped
public class AccessService {

    @Inject
    CareTeamRepository careTeam;

    @Inject
    ProxyLinkRepository proxies;

    @Inject
    BreakGlassRepository breakGlass;

    @Inject
    AccountDirectoryRepository accounts;

    @Inject
    AccessConfig config;

    Clock clock = Clock.systemUTC();

    public Uni<List<CareTeamLink>> careTeam(UUID patientId) {
        return careTeam.forPatient(patientId);
    }

    /** Adds a provider to the care team; 400 when the account is not a provider, 409 when a link is already open. */
    public Uni<CareTeamLink> addCareTeamMember(UUID patientId, UUID providerId, String role, Instant startsAt,
                                               Instant endsAt, UUID createdBy) {
        Instant now = now();
        Instant start = startsAt == null ? now : startsAt;
        requireEndAfterStart(start, endsAt);
        return accounts.find(providerId).chain(account -> {
            if (account == null || !account.roles().contains("provider")) {
                return Uni.createFrom().failure(ProblemException.invalid("providerId", "is not a provider account"));
            }
            return careTeam.hasOpenLink(patientId, providerId).chain(open -> {
                if (open) {
                    return Uni.createFrom().failure(ProblemException.conflict("This provider is already on the care team."));
                }
                CareTeamMemberEntity entity = new CareTeamMemberEntity();
                entity.id = UUID.randomUUID();
                entity.patientId = patientId;
                entity.providerId = providerId;
                entity.role = role;
                entity.startsAt = start;
                entity.endsAt = endsAt;
                entity.createdAt = now;
                entity.createdBy = createdBy;
                return careTeam.persistAndFlush(entity).map(saved -> new CareTeamLink(saved.id, patientId, providerId,
                        account.displayName(), role, start, endsAt));
            });
        });
    }

    /** Ends the link now (a link that has not started yet ends before it begins); null when there is no such link. */
    public Uni<CareTeamLink> endCareTeamMember(UUID patientId, UUID memberId) {
        return careTeam.findById(memberId).chain(entity -> {
            if (entity == null || !entity.patientId.equals(patientId)) {
                return Uni.createFrom().nullItem();
            }
            entity.endsAt = endedAt(entity.startsAt, entity.endsAt);
            return careTeam.flush().chain(() -> careTeam.link(patientId, memberId));
        });
    }

    public Uni<List<ProxyLink>> proxies(UUID patientId) {
        return proxies.forPatient(patientId);
    }

    /**
     * Lets a personal account act for the patient; 400 when the account is not a personal (patient)
     * account or is the patient's own, 409 when a link is already open.
     */
    public Uni<ProxyLink> addProxy(UUID patientId, UUID proxyAccountId, ProxyRelationship relationship,
                                   Instant startsAt, Instant endsAt, UUID createdBy) {
        Instant now = now();
        Instant start = startsAt == null ? now : startsAt;
        requireEndAfterStart(start, endsAt);
        return accounts.find(proxyAccountId).chain(account -> {
            if (account == null || !account.roles().contains("patient")) {
                return Uni.createFrom().failure(ProblemException.invalid("proxyAccountId", "is not a personal account"));
            }
            if (patientId.equals(account.patientId())) {
                return Uni.createFrom().failure(ProblemException.invalid("proxyAccountId", "is the patient's own account"));
            }
            return proxies.hasOpenLink(patientId, proxyAccountId).chain(open -> {
                if (open) {
                    return Uni.createFrom().failure(ProblemException.conflict("This account already acts for the patient."));
                }
                ProxyLinkEntity entity = new ProxyLinkEntity();
                entity.id = UUID.randomUUID();
                entity.patientId = patientId;
                entity.proxyAccountId = proxyAccountId;
                entity.relationship = relationship.code();
                entity.startsAt = start;
                entity.endsAt = endsAt;
                entity.createdAt = now;
                entity.createdBy = createdBy;
                return proxies.persistAndFlush(entity).map(saved -> new ProxyLink(saved.id, patientId, proxyAccountId,
                        account.displayName(), relationship.code(), start, endsAt));
            });
        });
    }

    public Uni<ProxyLink> endProxy(UUID patientId, UUID proxyId) {
        return proxies.findById(proxyId).chain(entity -> {
            if (entity == null || !entity.patientId.equals(patientId)) {
                return Uni.createFrom().nullItem();
            }
            entity.endsAt = endedAt(entity.startsAt, entity.endsAt);
            return proxies.flush().chain(() -> proxies.link(patientId, proxyId));
        });
    }

    /** The patients an account acts for through a proxy link in force now. */
    public Uni<List<ActingFor>> actingFor(UUID accountId) {
        return accountId == null ? Uni.createFrom().item(List.of()) : proxies.actingFor(accountId);
    }

    /**
     * Opens an emergency session from now for the configured duration ({@code
     * carechart.access.break-glass-duration}); when the provider already has one open for the
     * patient, extends that one to the same end instead (one session, as staff review it), keeping
     * its start and first reason.
     */
    public Uni<BreakGlassOpening> breakGlass(UUID patientId, UUID providerId, String reason) {
        Instant now = now();
        Instant until = now.plus(config.breakGlassDuration());
        return breakGlass.lockOpen(patientId, providerId, now).chain(open -> {
            if (open != null) {
                open.expiresAt = until;
                return breakGlass.flush().map(ignored -> new BreakGlassOpening(view(open), true));
            }
            BreakGlassSessionEntity entity = new BreakGlassSessionEntity();
            entity.id = UUID.randomUUID();
            entity.patientId = patientId;
            entity.providerId = providerId;
            entity.reason = reason;
            entity.startsAt = now;
            entity.expiresAt = until;
            return breakGlass.persistAndFlush(entity).map(saved -> new BreakGlassOpening(view(saved), false));
        });
    }

    private static BreakGlassSession view(BreakGlassSessionEntity entity) {
        return new BreakGlassSession(entity.id, entity.patientId, null, entity.providerId, null, entity.reason,
                entity.startsAt, entity.expiresAt);
    }

    /** An organization's break-the-glass sessions, newest first, for review by its records staff. */
    public Uni<List<BreakGlassSession>> breakGlassSessions(UUID organizationId, Cursor after, int limit) {
        return breakGlass.forOrganization(organizationId, after, limit);
    }

    private Instant now() {
        // Microseconds: what PostgreSQL keeps, so a value read back equals the one returned.
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private Instant endedAt(Instant startsAt, Instant endsAt) {
        Instant now = now();
        if (endsAt != null && !endsAt.isAfter(now)) {
            return endsAt;
        }
        return startsAt.isAfter(now) ? startsAt : now;
    }

    private static void requireEndAfterStart(Instant start, Instant end) {
        if (end != null && !end.isAfter(start)) {
            throw ProblemException.invalid("endsAt", "must be after startsAt");
        }
    }
}
