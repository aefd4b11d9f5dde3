package org.carechart.ratelimit;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.OwnConnection;
import jakarta.inject.Inject;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The GCRA buckets ({@code rate_limit}, V75). One statement takes a request from every bucket it
 * names, atomically per row, on the database's clock (so instances with skewed clocks agree).
 */
@ApplicationScoped
@OwnConnection("rate limits are checked before any unit of work opens, one atomic statement each")
public class RateLimitRepository {

    /** A bucket to take one request from: one request per {@code intervalMicros}, bursts up to a window. */
    record Bucket(String key, long intervalMicros, long windowMicros) {
    }

    /** Whether the request fitted, and how far the bucket's next free time now lies ahead. */
    record State(boolean allowed, long aheadMicros) {
    }

    // Every SET expression reads the row as it was, so "allowed" and "tat" agree.
    private static final String TAKE = """
            insert into rate_limit as b (key, tat, seen_at, window_us, allowed)
            select r.key, n.now + r.interval_us, n.now, r.window_us, true
              from unnest($1::text[], $2::int8[], $3::int8[]) as r(key, interval_us, window_us),
                   (select (extract(epoch from clock_timestamp()) * 1000000)::int8 as now) n
            on conflict (key) do update set
              allowed = greatest(b.tat, excluded.seen_at) + (excluded.tat - excluded.seen_at) - excluded.seen_at
                        <= excluded.window_us,
              tat = case when greatest(b.tat, excluded.seen_at) + (excluded.tat - excluded.seen_at) - excluded.seen_at
                              <= excluded.window_us
                         then greatest(b.tat, excluded.seen_at) + (excluded.tat - excluded.seen_at)
                         else b.tat end,
              seen_at = excluded.seen_at,
              window_us = excluded.window_us
            returning key, allowed, tat - seen_at""";

    @Inject
    Pool pool;

    Uni<Map<String, State>> take(List<Bucket> buckets) {
        String[] keys = buckets.stream().map(Bucket::key).toArray(String[]::new);
        Long[] intervals = buckets.stream().map(Bucket::intervalMicros).toArray(Long[]::new);
        Long[] windows = buckets.stream().map(Bucket::windowMicros).toArray(Long[]::new);
        return pool.preparedQuery(TAKE).execute(Tuple.of(keys, intervals, windows)).map(rows -> {
            Map<String, State> states = new HashMap<>();
            for (Row row : rows) {
                states.put(row.getString(0), new State(row.getBoolean(1), row.getLong(2)));
            }
            return states;
        });
    }

    /** Buckets that are full again hold nothing worth keeping. */
    Uni<Integer> deleteRefilled() {
        return pool.query("delete from rate_limit where tat < (extract(epoch from clock_timestamp()) * 1000000)::int8")
                .execute().map(rows -> rows.rowCount());
    }
}
