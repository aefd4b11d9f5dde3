package org.carechart.common;

import io.quarkus.reactive.pg.client.PgPoolCreator;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.pgclient.PgPool;
import io.vertx.sqlclient.Pool;
import jakarta.inject.Singleton;

/**
 * Builds the request pool from Quarkus' own options (URL, credentials, size, idle timeout, prepared
 * statements cached), with one change: the Vert.x client caches a prepared statement only when its text
 * is at most {@link #CACHEABLE_SQL_LIMIT} characters (2,048 by default). The summary's one {@code union all}
 * is longer than 2,048, and a statement over the limit is parsed and planned by PostgreSQL on every
 * request; raised, every constant statement of the service is prepared once per connection.
 */
@Singleton
@OwnConnection("builds the request pool itself; runs no statement")
public class DatabasePool implements PgPoolCreator {

    /** The longest statement text the client keeps prepared; the summary is about 5,500 characters. */
    public static final int CACHEABLE_SQL_LIMIT = 16_384;

    @Override
    @SuppressWarnings("deprecation") // Quarkus casts the result to PgPool; PgPool.pool is the builder that returns one
    public Pool create(Input input) {
        for (PgConnectOptions options : input.pgConnectOptionsList()) {
            options.setPreparedStatementCacheSqlLimit(CACHEABLE_SQL_LIMIT);
        }
        return PgPool.pool(input.vertx(), input.pgConnectOptionsList(), input.poolOptions());
    }
}
