package org.carechart.identity;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.RowSet;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.OwnConnection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.UUID;

/** The one query behind {@link AccountStatus}: an account's disable, lock and session-revocation times. */
@ApplicationScoped
@OwnConnection("the account-status check runs before a request's unit of work, and in socket upgrades outside any")
class AccountStatusReads {

    private static final String STATUS = """
            select disabled_at, locked_until, sessions_revoked_at from account where id = $1
            """;

    @Inject
    Pool pool;

    Uni<AccountStatus.State> state(UUID accountId) {
        return pool.preparedQuery(STATUS).execute(Tuple.of(accountId)).map(AccountStatusReads::toState);
    }

    private static AccountStatus.State toState(RowSet<Row> rows) {
        if (rows.size() == 0) {
            return AccountStatus.State.UNKNOWN;
        }
        Row row = rows.iterator().next();
        return new AccountStatus.State(instant(row.getOffsetDateTime("disabled_at")),
                instant(row.getOffsetDateTime("locked_until")), instant(row.getOffsetDateTime("sessions_revoked_at")));
    }

    private static Instant instant(OffsetDateTime value) {
        return value == null ? null : value.toInstant();
    }
}
