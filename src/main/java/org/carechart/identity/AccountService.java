package org.carechart.identity;

import io.quarkus.hibernate.reactive.panache.Panache;
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
 * Accounts, as administrators manage them. There is no self-registration: roles, organization and
 * patient link are set here, by an admin, and nowhere else.
 */
@ApplicationScoped
public class AccountService {

    private static final Set<Role> NEED_ORGANIZATION = EnumSet.of(Role.PROVIDER, Role.STAFF, Role.APP);

    @Inject
    AccountRepository accounts;

    @Inject
    Passwords passwords;

    public Uni<AccountView> create(NewAccount request) {
        Set<Role> roles = roles(request.roles());
        if (!Passwords.fitsBcrypt(request.password())) {
            throw ProblemException.invalid("password", "must be at most " + Passwords.MAX_BYTES + " bytes in UTF-8");
        }
        if (request.organizationId() == null && roles.stream().anyMatch(NEED_ORGANIZATION::contains)) {
            throw ProblemException.invalid("organizationId", "is required for providers, staff and apps");
        }
        // Hash before the transaction opens: no connection waits on bcrypt.
        return passwords.hash(request.password()).chain(hash -> Panache.withTransaction(() -> insert(request, roles, hash)));
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
    public Uni<AccountView> unlock(UUID id) {
        return accounts.clearFailedLogins(id).chain(updated -> {
            if (updated == 0) {
                return Uni.createFrom().failure(ProblemException.notFound());
            }
            return accounts.findById(id).map(AccountService::view);
        });
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
                .chain(() -> request.patientId() == null ? Uni.createFrom().item(true)
                        : accounts.patientExists(request.patientId()))
                .invoke(exists -> {
                    if (!exists) {
                        throw ProblemException.invalid("patientId", "is not a known patient");
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
                    account.patientId = request.patientId();
                    account.failedLogins = 0;
                    // Microseconds: what PostgreSQL keeps, so the cursor of this row matches the row.
                    account.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
                    return accounts.persist(account);
                })
                .map(AccountService::view);
    }

    private static Set<Role> roles(List<String> claims) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (String claim : claims) {
            roles.add(Role.fromClaim(claim).orElseThrow(() -> ProblemException.invalid("roles",
                    "must be among patient, provider, staff, admin, app")));
        }
        return roles;
    }

    static AccountView view(Account account) {
        return new AccountView(account.id, account.username, account.displayName,
                account.roleSet().stream().map(Role::claim).toList(), account.organizationId, account.patientId,
                account.failedLogins, account.lockedUntil, account.lockedAt(Instant.now()), account.createdAt);
    }
}
