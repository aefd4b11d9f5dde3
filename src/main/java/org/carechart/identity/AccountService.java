package org.carechart.identity;

import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.Cursor;
import org.carechart.common.Page;
import org.carechart.common.ProblemException;
import org.carechart.identity.api.AccountView;
import org.carechart.identity.api.NewAccount;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Accounts. There is no self-registration: administrators create accounts, set their roles, unlock,
 * disable and enable them; linking an account to a patient is identity proofing, done by records staff
 * of the patient's organization ({@link #linkToPatient}, after the patient feature asked the access
 * policy), never by an administrator. Every change writes an audit event in its own transaction
 * ({@link AccountAudit}), and every change that must cut a session off does so within seconds
 * ({@link AccountStatus}).
 */
@ApplicationScoped
public class AccountService {

    private static final Set<Role> NEED_ORGANIZATION = EnumSet.of(Role.PROVIDER, Role.STAFF, Role.APP);
    private static final String ROLE_RULE = "must be one of: patient; admin; app; provider, staff or both";

    @Inject
    AccountRepository accounts;

    @Inject
    Passwords passwords;

    @Inject
    AccountAudit audit;

    @Inject
    AccountStatus status;

    @Inject
    RefreshTokenRepository refreshTokens;

    @Inject
    SessionEnds sessionEnds;

    public Uni<AccountView> create(Caller actor, NewAccount request) {
        Set<Role> roles = roles(request.roles());
        if (request.patientId() != null) {
            throw ProblemException.invalid("patientId", "is set by records staff of the patient's organization "
                    + "(POST /api/v1/patients/{patientId}/account-link), not when an account is created");
        }
        PasswordPolicy.refusal(request.password(), request.username()).ifPresent(refusal -> {
            throw ProblemException.invalid("password", refusal);
        });
        if (request.organizationId() == null && roles.stream().anyMatch(NEED_ORGANIZATION::contains)) {
            throw ProblemException.invalid("organizationId", "is required for providers, staff and apps");
        }
        // Hash before the transaction opens: no connection waits on bcrypt.
        return passwords.hash(request.password()).chain(hash -> created(actor, request, roles, hash));
    }

    /** The account and its audit record, in one transaction opened only once the password is hashed. */
    @WithTransaction
    Uni<AccountView> created(Caller actor, NewAccount request, Set<Role> roles, String hash) {
        return insert(request, roles, hash)
                .call(view -> audit.record(actor, AccountAudit.Change.CREATE, view.id(), null, null));
    }

    /**
     * The account a registered app acts as: the grantee of the grants patients give it. It has no
     * usable password (apps connect through OAuth, never the password grant). Joins the caller's
     * transaction; fails with a 400 naming {@code organizationId} when that organization is unknown.
     */
    public Uni<UUID> createAppAccount(String clientId, String displayName, UUID organizationId) {
        return accounts.organizationExists(organizationId).chain(exists -> {
            if (!exists) {
                return Uni.createFrom().failure(ProblemException.invalid("organizationId", "is not a known organization"));
            }
            Account account = new Account();
            account.id = UUID.randomUUID();
            account.username = "app:" + clientId;
            account.passwordHash = NO_PASSWORD;
            account.displayName = displayName.strip();
            account.roles = new String[]{Role.APP.claim()};
            account.organizationId = organizationId;
            account.failedLogins = 0;
            account.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
            return accounts.persistAndFlush(account).map(saved -> saved.id);
        });
    }

    /** Not a bcrypt hash, so no password ever matches it. */
    static final String NO_PASSWORD = "!no-password";

    @WithTransaction
    public Uni<Page<AccountView>> list(String cursor, Integer limit) {
        int size = Page.limit(limit);
        return accounts.page(Cursor.decode(cursor), size + 1).map(found -> {
            List<AccountView> items = new ArrayList<>(found.stream().limit(size).map(AccountService::view).toList());
            String next = found.size() > size
                    ? new Cursor(found.get(size - 1).createdAt, found.get(size - 1).id).encode() : null;
            return new Page<>(items, next);
        });
    }

    @WithTransaction
    public Uni<AccountView> get(UUID id) {
        return accounts.findById(id).map(account -> {
            if (account == null) {
                throw ProblemException.notFound();
            }
            return view(account);
        });
    }

    /** Lifts a lock and forgets the failed sign-ins, for a user who proved who they are some other way. */
    @WithTransaction
    public Uni<AccountView> unlock(Caller actor, UUID id) {
        return accounts.clearFailedLogins(id).chain(updated -> changed(actor, id, updated, AccountAudit.Change.UNLOCK));
    }

    /**
     * Disables the account: it cannot sign in, its refresh tokens are revoked at once and its access
     * tokens stop working within seconds on every instance. An administrator cannot disable themselves.
     */
    @WithTransaction
    public Uni<AccountView> disable(Caller actor, UUID id) {
        if (id.equals(actor.accountId())) {
            return Uni.createFrom().failure(ProblemException.conflict("You cannot disable your own account."));
        }
        return accounts.disable(id)
                .call(updated -> updated == 0 ? Uni.createFrom().voidItem() : refreshTokens.revokeAllOf(id, java.time.Instant.now())
                        .chain(() -> sessionEnds.ended(id)))
                .chain(updated -> changed(actor, id, updated, AccountAudit.Change.DISABLE));
    }

    @WithTransaction
    public Uni<AccountView> enable(Caller actor, UUID id) {
        return accounts.enable(id).chain(updated -> changed(actor, id, updated, AccountAudit.Change.ENABLE));
    }

    /**
     * Sets the account's roles (validated as on creation). The account's sessions end: its tokens carry
     * the old roles. An account linked to a patient stays a personal account.
     */
    @WithTransaction
    public Uni<AccountView> changeRoles(Caller actor, UUID id, List<String> claims) {
        Set<Role> roles = roles(claims);
        return accounts.findById(id).chain(account -> {
            if (account == null) {
                return Uni.createFrom().failure(ProblemException.notFound());
            }
            if (account.patientId != null && !roles.equals(EnumSet.of(Role.PATIENT))) {
                return Uni.createFrom().failure(ProblemException.invalid("roles",
                        "an account linked to a patient is a personal account: patient only"));
            }
            if (account.organizationId == null && roles.stream().anyMatch(NEED_ORGANIZATION::contains)) {
                return Uni.createFrom().failure(ProblemException.invalid("roles",
                        "providers, staff and apps need an organization, and this account has none"));
            }
            account.roles = roles.stream().map(Role::claim).toArray(String[]::new);
            return accounts.flush()
                    .chain(() -> accounts.revokeSessions(id))
                    .call(() -> refreshTokens.revokeAllOf(id, java.time.Instant.now()))
                    .call(() -> sessionEnds.ended(id))
                    .chain(updated -> changed(actor, id, updated, AccountAudit.Change.ROLES));
        });
    }

    /**
     * Links a personal account to a patient: identity proofing, by records staff of the patient's
     * organization. The caller (the patient feature) has asked the access policy and runs the
     * transaction; this checks the account and writes the link and its audit event in it. 400 naming
     * {@code accountId} when the account is not a personal one; 409 when it is linked already.
     */
    public Uni<AccountView> linkToPatient(Caller actor, UUID patientId, UUID accountId, String basis) {
        if (accountId == null) {
            return Uni.createFrom().failure(ProblemException.invalid("accountId", "is required"));
        }
        return accounts.findById(accountId).chain(account -> {
            if (account == null || !account.roleSet().equals(EnumSet.of(Role.PATIENT))) {
                return Uni.createFrom().failure(ProblemException.invalid("accountId", "is not a personal (patient) account"));
            }
            if (account.patientId != null) {
                return Uni.createFrom().failure(ProblemException.conflict(account.patientId.equals(patientId)
                        ? "This account is linked to this patient already." : "This account is linked to another patient."));
            }
            account.patientId = patientId;
            return accounts.flush()
                    // The account's tokens carry no patient claim yet: new ones (after sign-in) will.
                    .chain(() -> accounts.revokeSessions(accountId))
                    .call(() -> refreshTokens.revokeAllOf(accountId, java.time.Instant.now()))
                    .call(() -> sessionEnds.ended(accountId))
                    .chain(updated -> changed(actor, accountId, updated, AccountAudit.Change.LINK_PATIENT, patientId, basis));
        });
    }

    private Uni<AccountView> changed(Caller actor, UUID id, int updated, AccountAudit.Change change) {
        return changed(actor, id, updated, change, null, null);
    }

    private Uni<AccountView> changed(Caller actor, UUID id, int updated, AccountAudit.Change change, UUID patientId,
                                     String basis) {
        if (updated == 0) {
            return Uni.createFrom().failure(ProblemException.notFound());
        }
        status.forget(id);
        return audit.record(actor, change, id, patientId, basis)
                .chain(() -> accounts.findById(id))
                .map(AccountService::view);
    }

    private Uni<AccountView> insert(NewAccount request, Set<Role> roles, String hash) {
        String username = request.username();
        return accounts.findByUsername(username)
                .invoke(existing -> {
                    if (existing != null) {
                        throw ProblemException.conflict("That username is taken.");
                    }
                })
                .chain(() -> request.organizationId() == null ? Uni.createFrom().item(true)
                        : accounts.organizationExists(request.organizationId()))
                .invoke(exists -> {
                    if (!exists) {
                        throw ProblemException.invalid("organizationId", "is not a known organization");
                    }
                })
                .chain(() -> {
                    Account account = new Account();
                    account.id = UUID.randomUUID();
                    account.username = username;
                    account.passwordHash = hash;
                    account.displayName = request.displayName().strip();
                    account.roles = roles.stream().map(Role::claim).toArray(String[]::new);
                    account.organizationId = request.organizationId();
                    account.patientId = null;
                    account.failedLogins = 0;
                    // Microseconds: what PostgreSQL keeps, so the cursor of this row matches the row.
                    account.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return accounts.persist(account);
                })
                .map(AccountService::view);
    }

    private static Set<Role> roles(List<String> claims) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (claims == null || claims.isEmpty()) {
            throw ProblemException.invalid("roles", ROLE_RULE);
        }
        for (String claim : claims) {
            roles.add(Role.fromClaim(claim).orElseThrow(() -> ProblemException.invalid("roles",
                    "must be among patient, provider, staff, admin, app")));
        }
        if (!validCombination(roles)) {
            throw ProblemException.invalid("roles", ROLE_RULE);
        }
        return roles;
    }

    /**
     * The role combinations that make sense: a personal account is nothing else (it must not read charts
     * as staff), an administrator manages accounts and nothing else (never charts), an app is only an app;
     * a provider may also be records staff. The database has the same rule (V72).
     */
    static boolean validCombination(Set<Role> roles) {
        return roles.equals(EnumSet.of(Role.PATIENT)) || roles.equals(EnumSet.of(Role.ADMIN))
                || roles.equals(EnumSet.of(Role.APP))
                || (!roles.isEmpty() && EnumSet.of(Role.PROVIDER, Role.STAFF).containsAll(roles));
    }

    static AccountView view(Account account) {
        return new AccountView(account.id, account.username, account.displayName,
                account.roleSet().stream().map(Role::claim).toList(), account.organizationId, account.patientId,
                account.failedLogins, account.lockedUntil, account.lockedAt(Instant.now()), account.createdAt,
                account.disabledAt != null, account.disabledAt);
    }
}
