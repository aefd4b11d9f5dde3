package org.carechart.common;

import io.smallrye.health.api.AsyncHealthCheck;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Ready only when PostgreSQL answers a query on the reactive pool the requests use, now (with a
 * 2-second limit). Replaces Quarkus's datasource checks ({@code quarkus.datasource.health.enabled=false}):
 * the JDBC one said UP while the database was down.
 */
@Readiness
@ApplicationScoped
public class DatabaseReadiness implements AsyncHealthCheck {

    @Inject
    DatabaseStatus status;

    @Override
    public Uni<HealthCheckResponse> call() {
        return status.answers().map(up -> HealthCheckResponse.named("database").status(up).build());
    }
}
