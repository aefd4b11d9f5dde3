package org.carechart.audit;

import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.PoolOptions;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.DatabaseOptions;
import org.eclipse.microprofile.config.inject.ConfigProperty;


/**
 * The audit trail's own few connections (same database, same runtime role), apart from the request
 * pool: the group-commit writer and the sealer use them, so a request that holds a pool connection
 * while its audit record is written never needs a second one from the same pool, and 16 requests
 * waiting on their audit records can never starve the writer of a connection.
 */
@org.carechart.common.OwnConnection("the audit trail's own pool, apart from the request pool")
@ApplicationScoped
public class AuditPool {

    @Inject
    Vertx vertx;

    @ConfigProperty(name = "carechart.audit.pool-size", defaultValue = "3")
    int size;

    private volatile Pool pool;

    Pool pool() {
        Pool current = pool;
        if (current == null) {
            synchronized (this) {
                if (pool == null) {
                    PgConnectOptions options = DatabaseOptions.connectOptions();
                    options.setCachePreparedStatements(true);
                    options.setMetricsName("carechart-audit");
                    pool = Pool.newInstance(PgBuilder.pool()
                            .with(new PoolOptions().setMaxSize(size).setName("carechart-audit")
                                    .setConnectionTimeout(10).setConnectionTimeoutUnit(java.util.concurrent.TimeUnit.SECONDS))
                            .connectingTo(options)
                            .using(vertx.getDelegate())
                            .build());
                }
                current = pool;
            }
        }
        return current;
    }

    @PreDestroy
    void close() {
        if (pool != null) {
            pool.close().subscribe().with(ignored -> { }, ignored -> { });
        }
    }
}
