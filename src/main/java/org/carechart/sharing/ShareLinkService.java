package org.carechart.sharing;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.AccessPolicy;
import org.carechart.access.Action;
import org.carechart.access.Basis;
import org.carechart.access.DataCategory;
import org.carechart.audit.AuditAction;
import org.carechart.audit.AuditEntry;
import org.carechart.audit.AuditService;
import org.carechart.common.Page;
import org.carechart.common.Problem;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;
import org.carechart.identity.Caller;
import org.carechart.notification.EventDraft;
import org.carechart.notification.EventKind;
import org.carechart.notification.UnitOfWork;
import org.carechart.sharing.api.ShareLinkCreated;
import org.carechart.sharing.api.ShareLinkRequest;
import org.carechart.sharing.api.ShareLinkView;
import org.carechart.sharing.api.SharedChartView;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Share links: created and revoked by the patient or a proxy, opened by anyone holding the token. */
@ApplicationScoped
public class ShareLinkService {

    static final String SHARED_PATH = "/api/v1/shared/";
    private static final int MAX_ENTRIES = 200;
    private static final int MAX_USES = 1000;

    @Inject
    AccessPolicy accessPolicy;

    @Inject
    AuditService audit;

    @Inject
    UnitOfWork unitOfWork;

    @Inject
    ShareLinkRepository links;

    @Inject
    Passcodes passcodes;

    @Inject
    SharedChartReader chartReader;

    @Inject
    SharingConfig config;

    Clock clock = Clock.systemUTC();

    /** What opening a link came to; the resource turns each into its answer. */
    public sealed interface Opening {
    }

    /** Unknown, expired, revoked, used up or locked: one answer for all, so none can be told apart. */
    public record NotAvailable() implements Opening {
    }

    public record PasscodeRequired() implements Opening {
    }

    public record WrongPasscode(int attemptsLeft) implements Opening {
    }

    public record Opened(SharedChartView view) implements Opening {
    }

    /**
     * Creates a link. The input is checked before anything else (it names no patient data), the
     * passcode is hashed off the event loop, then one transaction authorizes, stores and audits.
     */
    public Uni<ShareLinkCreated> create(Caller caller, UUID patientId, ShareLinkRequest request) {
        Instant now = clock.instant();
        Validated valid;
        try {
            valid = validate(request, now);
        } catch (ProblemException e) {
            return Uni.createFrom().failure(e);
        }
        Uni<String> passcodeHash = valid.passcode() == null ? Uni.createFrom().nullItem() : passcodes.hash(valid.passcode());
        return passcodeHash.chain(hash -> created(caller, patientId, valid, hash, now));
    }

    /** Authorizes, stores and audits a new link in one transaction, opened once its passcode is hashed. */
    @WithTransaction
    Uni<ShareLinkCreated> created(Caller caller, UUID patientId, Validated valid, String hash, Instant now) {
        return accessPolicy
                .authorize(caller, Action.SHARE, patientId, null, "share-link", null)
                .chain(decision -> checkEntries(patientId, valid.entryIds())
                        .chain(() -> {
                            String token = ShareTokens.newToken();
                            ShareLink link = new ShareLink(UUID.randomUUID(), patientId, valid.label(), valid.categories(),
                                    valid.entryIds(), hash, decision.hideSensitive(), valid.maxUses(), 0, 0, null, valid.expiresAt(),
                                    now.truncatedTo(ChronoUnit.MICROS), caller.accountId(), null, null, decision.proxyLinkId(), null);
                            return links.insert(link, ShareTokens.hash(token))
                                    .call(() -> audit.record(AuditEntry.success(caller, AuditAction.SHARE, patientId,
                                            decision.basis().code(), "share-link", link.id().toString())
                                            .withQuery(scope(link))))
                                    .map(ignored -> new ShareLinkCreated(view(link, now), token, SHARED_PATH + token));
                        }));
    }

    @WithTransaction
    public Uni<Page<ShareLinkView>> list(Caller caller, UUID patientId) {
        Instant now = clock.instant();
        return accessPolicy.authorize(caller, Action.LIST_SHARING, patientId, null, "share-link", null)
                .chain(decision -> links.byPatient(patientId)
                        .call(() -> audit.record(AuditEntry.success(caller, AuditAction.READ, patientId,
                                decision.basis().code(), "share-link", null)))
                        .map(found -> new Page<>(found.stream().map(link -> view(link, now)).toList(), null)));
    }

    /** Revokes at once; revoking a revoked link again changes nothing. Unknown links are a 404. */
    @WithTransaction
    public Uni<Void> revoke(Caller caller, UUID patientId, UUID linkId) {
        return accessPolicy.authorize(caller, Action.REVOKE_SHARING, patientId, null, "share-link", linkId.toString())
                .chain(decision -> links.byId(patientId, linkId).chain(link -> {
                    if (link == null) {
                        return Uni.createFrom().failure(ProblemException.notFound());
                    }
                    return links.revoke(linkId, caller.accountId()).chain(revokedNow -> revokedNow
                            ? audit.record(AuditEntry.success(caller, AuditAction.REVOKE, patientId,
                            decision.basis().code(), "share-link", linkId.toString()))
                            : Uni.createFrom().voidItem());
                }));
    }

    /**
     * Opens a link for an anonymous holder. Every link that cannot be used answers the same after
     * the same single lookup. A wrong passcode is counted (and may lock the link) in a transaction
     * that commits although the answer is a refusal; a right one is re-checked under a row lock,
     * counted, recorded (use row, audit event with basis share-link, patient notified) and answered
     * with the shared part of the chart as it is now.
     */
    public Uni<Opening> open(String token, String passcode, Caller.ClientInfo client) {
        String tokenHash = ShareTokens.hash(token == null ? "" : token);
        return linkByTokenHash(tokenHash).chain(link -> {
            if (link == null || link.statusAt(clock.instant()) != ShareLink.Status.ACTIVE) {
                return Uni.createFrom().item(new NotAvailable());
            }
            if (link.passcodeHash() == null) {
                return use(link.id(), client);
            }
            if (passcode == null || passcode.isEmpty()) {
                return Uni.createFrom().item(new PasscodeRequired());
            }
            return passcodes.matches(passcode, link.passcodeHash())
                    .chain(right -> right ? use(link.id(), client) : countWrongPasscode(link.id(), client));
        });
    }

    /** The single lookup every opening starts with, on a session that has ended before any passcode is checked. */
    @WithSession
    Uni<ShareLink> linkByTokenHash(String tokenHash) {
        return links.byTokenHash(tokenHash);
    }

    /** A use, in its own transaction: re-checked under a row lock, counted, recorded, answered. */
    @WithTransaction
    Uni<Opening> use(UUID linkId, Caller.ClientInfo client) {
        return links.lockForUse(linkId).chain(link -> {
            if (link == null || link.statusAt(clock.instant()) != ShareLink.Status.ACTIVE) {
                return Uni.createFrom().item(new NotAvailable());
            }
            Caller holder = holder(link, client);
            return links.recordUse(link, client)
                    .call(() -> unitOfWork.finish(AuditEntry.success(holder, AuditAction.READ, link.patientId(),
                                    Basis.SHARE_LINK.code(), "share-link", link.id().toString()).withQuery(scope(link)),
                            new EventDraft(EventKind.SHARE_LINK_USED, link.patientId(), null,
                                    link.id().toString(), "Your share link was used", null)))
                    .chain(() -> chartReader.sharedView(link.patientId(), link.categories(), link.entryIds(), link.hideSensitive()))
                    .map(Opened::new);
        });
    }

    /** A wrong passcode, counted in a transaction that commits although the answer is a refusal. */
    @WithTransaction
    Uni<Opening> countWrongPasscode(UUID linkId, Caller.ClientInfo client) {
        int max = config.maxPasscodeAttempts();
        return links.lockForUse(linkId).chain(link -> {
            if (link == null || link.statusAt(clock.instant()) != ShareLink.Status.ACTIVE) {
                return Uni.createFrom().item(new NotAvailable());
            }
            return links.countWrongPasscode(linkId, max)
                    .call(() -> audit.record(new AuditEntry(holder(link, client), AuditAction.READ, link.patientId(),
                            "share-link", link.id().toString(), "wrong passcode", Basis.SHARE_LINK.code(), null,
                            AuditEntry.AuditOutcome.DENIED)))
                    .map(ignored -> new WrongPasscode(Math.max(0, max - link.failedPasscodes() - 1)));
        });
    }

    /** The anonymous holder of a link, named in the audit trail after the link. */
    private static Caller holder(ShareLink link, Caller.ClientInfo client) {
        return new Caller(null, "share link " + link.shortId(), Set.of(), null, null, Set.of(), client);
    }

    private Uni<Void> checkEntries(UUID patientId, Set<UUID> entryIds) {
        if (entryIds.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        return links.countEntriesOf(patientId, entryIds).chain(count -> count == entryIds.size()
                ? Uni.createFrom().voidItem()
                : Uni.createFrom().failure(ProblemException.invalid("entryIds", "must all be entries of this patient's chart")));
    }

    record Validated(String label, Set<DataCategory> categories, Set<UUID> entryIds, Instant expiresAt,
                             String passcode, Integer maxUses) {
    }

    private Validated validate(ShareLinkRequest request, Instant now) {
        if (request == null) {
            throw ProblemException.badRequest("A body is required.");
        }
        List<Problem.FieldError> errors = new ArrayList<>();
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        if (request.categories() != null) {
            for (String code : request.categories()) {
                DataCategory.fromCode(code).ifPresentOrElse(categories::add,
                        () -> errors.add(new Problem.FieldError("categories", "unknown category: " + safe(code))));
            }
        }
        Set<UUID> entryIds = new LinkedHashSet<>();
        if (request.entryIds() != null) {
            for (UUID id : request.entryIds()) {
                if (id == null) {
                    errors.add(new Problem.FieldError("entryIds", "must not contain null"));
                } else {
                    entryIds.add(id);
                }
            }
            if (entryIds.size() > MAX_ENTRIES) {
                errors.add(new Problem.FieldError("entryIds", "at most " + MAX_ENTRIES + " entries"));
            }
        }
        if (categories.isEmpty() && entryIds.isEmpty() && errors.isEmpty()) {
            errors.add(new Problem.FieldError("categories", "name at least one category or entry"));
        }
        if (request.expiresAt() == null) {
            errors.add(new Problem.FieldError("expiresAt", "is required"));
        } else if (!request.expiresAt().isAfter(now)) {
            errors.add(new Problem.FieldError("expiresAt", "must be in the future"));
        } else if (request.expiresAt().isAfter(now.plus(config.maxLinkLifetime()))) {
            errors.add(new Problem.FieldError("expiresAt", "must be at most " + config.maxLinkLifetime().toDays()
                    + " days away"));
        }
        String passcode = request.passcode();
        if (passcode != null && (passcode.length() < 6 || passcode.length() > 128)) {
            errors.add(new Problem.FieldError("passcode", "must be 6 to 128 characters"));
        }
        if (request.maxUses() != null && (request.maxUses() < 1 || request.maxUses() > MAX_USES)) {
            errors.add(new Problem.FieldError("maxUses", "must be between 1 and " + MAX_USES));
        }
        String label = request.label() == null || request.label().isBlank() ? null : request.label().strip();
        if (label != null && label.length() > 200) {
            errors.add(new Problem.FieldError("label", "must be at most 200 characters"));
        }
        if (!errors.isEmpty()) {
            throw new ProblemException(ProblemType.VALIDATION, "The request has invalid fields.", errors);
        }
        return new Validated(label, categories, entryIds, request.expiresAt().truncatedTo(ChronoUnit.MICROS), passcode,
                request.maxUses());
    }

    private static ShareLinkView view(ShareLink link, Instant now) {
        return new ShareLinkView(link.id(), link.patientId(), link.label(),
                link.categories().stream().map(DataCategory::code).sorted().toList(), List.copyOf(link.entryIds()),
                link.expiresAt(), link.passcodeHash() != null, link.maxUses(), link.useCount(), link.lastUsedAt(),
                link.createdAt(), link.revokedAt(), link.statusAt(now).code());
    }

    /** What a link covers, for the audit trail: category codes and a count of entries, never their content. */
    private static String scope(ShareLink link) {
        String categories = link.categories().stream().map(DataCategory::code).sorted().collect(Collectors.joining(","));
        return "categories=" + categories + (link.entryIds().isEmpty() ? "" : ";entries=" + link.entryIds().size());
    }

    private static String safe(String code) {
        return code != null && code.matches("[a-z0-9-]{1,40}") ? code : "(not a category code)";
    }
}
