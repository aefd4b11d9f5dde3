package org.carechart.bench;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.Tuple;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.carechart.common.ProblemException;
import org.carechart.identity.Caller;
import org.carechart.identity.CurrentCaller;
import org.eclipse.microprofile.openapi.annotations.Operation;

import java.util.UUID;

/**
 * Baselines for bench/run.sh, compiled only by the Maven profile {@code -Pbench}: the chart
 * endpoints are measured against what the same JVM does with no access decision, no audit and no
 * ORM. Both go through the same JWT verification and build the same {@link Caller}.
 */
@Path("/bench")
@Authenticated
@Produces(MediaType.APPLICATION_JSON)
public class BaselineResource {

    private static final String STATIC_BODY = "{\"status\":\"ok\",\"items\":[1,2,3],\"note\":\"bench baseline B0\"}";
    private static final String PATIENT_BY_ID =
            "select id, organization_id, mrn, given_name, family_name, birth_date, sex from patient where id = $1";

    @Inject
    CurrentCaller currentCaller;

    @Inject
    Pool pool;

    /** B0: a static JSON body behind the JWT check. */
    @GET
    @Path("/b0")
    @Operation(hidden = true)
    public String staticJson() {
        requireCaller();
        return STATIC_BODY;
    }

    /** B1: one row by primary key straight through the Vert.x PostgreSQL pool. */
    @GET
    @Path("/b1/{patientId}")
    @Operation(hidden = true)
    public Uni<String> onePatientRow(@PathParam("patientId") String patientId) {
        requireCaller();
        UUID id;
        try {
            id = UUID.fromString(patientId);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound();
        }
        return pool.preparedQuery(PATIENT_BY_ID).execute(Tuple.of(id)).map(rows -> {
            if (rows.size() == 0) {
                throw ProblemException.notFound();
            }
            Row row = rows.iterator().next();
            return new JsonObject()
                    .put("id", row.getUUID("id").toString())
                    .put("organizationId", row.getUUID("organization_id").toString())
                    .put("mrn", row.getString("mrn"))
                    .put("givenName", row.getString("given_name"))
                    .put("familyName", row.getString("family_name"))
                    .put("birthDate", row.getLocalDate("birth_date").toString())
                    .put("sex", row.getString("sex"))
                    .encode();
        });
    }

    private void requireCaller() {
        Caller caller = currentCaller.get();
        if (caller.isAnonymous()) {
            throw ProblemException.notFound();
        }
    }
}
