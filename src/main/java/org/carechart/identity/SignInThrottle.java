package org.carechart.identity;

import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.OwnConnection;
import jakarta.inject.Inject;
import org.carechart.common.BearerSecrets;

import java.time.Duration;
import java.util.HexFormat;
import java.util.Locale;

/**
 * Slows password guessing without locking anyone out: failures are counted per (username, client
 * address), for known and unknown usernames alike, and after a few free ones each further attempt
 * from that address for that username must wait a delay that doubles with every failure (capped).
 * The account itself is never locked, so an attacker elsewhere cannot keep its owner out; a success
 * from the address clears its count. State in PostgreSQL ({@code sign_in_throttle}, V75), shared by
 * every instance; the key is a hash, so no username is stored in clear.
 */
@ApplicationScoped
@OwnConnection("sign-in throttling counts before and after the sign-in transaction, one atomic statement each")
public class SignInThrottle {

    @Inject
    Pool pool;

    @Inject
    IdentityConfig config;

    static String key(String username, String address) {
        String subject = username.trim().toLowerCase(Locale.ROOT) + "\n" + (address == null ? "" : address);
        return HexFormat.of().formatHex(BearerSecrets.sha256(subject), 0, 16);
    }

    /** Seconds this address must still wait before trying this username again (0: it may try now). */
    Uni<Long> waitSeconds(String key) {
        return pool.preparedQuery("""
                        select ceil(extract(epoch from retry_after - clock_timestamp()))::int8
                          from sign_in_throttle where key = $1 and retry_after > clock_timestamp()
                           and last_failure > clock_timestamp() - ($2::int8 * interval '1 millisecond')""")
                .execute(Tuple.of(key, forgetAfter()))
                .map(rows -> rows.iterator().hasNext() ? Math.max(1L, rows.iterator().next().getLong(0)) : 0L);
    }

    /** Counts a failure; returns the new count. A count older than forget-after starts again at 1. */
    Uni<Integer> failed(String key) {
        IdentityConfig.Throttle throttle = config.signInThrottle();
        return pool.preparedQuery("""
                        with n as (select clock_timestamp() as now)
                        insert into sign_in_throttle as t (key, failures, retry_after, last_failure)
                        select $1, 1, n.now, n.now from n
                        on conflict (key) do update set
                          failures = case when t.last_failure <= excluded.last_failure - ($2::int8 * interval '1 millisecond') then 1
                                          else t.failures + 1 end,
                          retry_after = excluded.last_failure + case
                            when t.last_failure <= excluded.last_failure - ($2::int8 * interval '1 millisecond') or t.failures + 1 <= $3
                              then interval '0'
                            else least(($5::int8 * interval '1 millisecond'), ($4::int8 * interval '1 millisecond') * power(2, least(t.failures + 1 - $3 - 1, 30)))
                          end,
                          last_failure = excluded.last_failure
                        returning failures""")
                .execute(Tuple.of(key, forgetAfter(), throttle.freeFailures(), interval(throttle.firstDelay()),
                        interval(throttle.maxDelay())))
                .map(rows -> {
                    Row row = rows.iterator().next();
                    return row.getInteger(0);
                });
    }

    Uni<Void> succeeded(String key) {
        return pool.preparedQuery("delete from sign_in_throttle where key = $1").execute(Tuple.of(key)).replaceWithVoid();
    }

    @Scheduled(every = "10m", delayed = "1m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> forgetOldFailures() {
        return pool.preparedQuery("delete from sign_in_throttle where last_failure < clock_timestamp() - ($1::int8 * interval '1 millisecond')")
                .execute(Tuple.of(forgetAfter())).replaceWithVoid().onFailure().recoverWithNull();
    }

    private long forgetAfter() {
        return interval(config.signInThrottle().forgetAfter());
    }

    private static long interval(Duration duration) {
        return duration.toMillis();
    }
}
