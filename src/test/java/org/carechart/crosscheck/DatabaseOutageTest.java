package org.carechart.crosscheck;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.carechart.support.Fixtures;
import org.carechart.support.LogCapture;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The database goes away under the service, and comes back. The test's PostgreSQL keeps running for
 * the other tests: the outage is made for the service's role alone (its connections are terminated and
 * new ones refused, as when the server restarts), and undone in {@code finally}.
 */
@QuarkusTest
class DatabaseOutageTest {

    @Test
    void anOutageIsA503WithRetryAfterReadinessSaysSoAndTheServiceRecoversByItself() throws Exception {
        UUID organization = Fixtures.organization();
        UUID patient = Fixtures.patient(organization);
        String token = Tokens.patient(Fixtures.account("patient", organization, patient), patient);
        given().auth().oauth2(token).when().get("/api/v1/patients/{p}/chart", patient).then().statusCode(200);
        given().port(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class)).when().get("/q/health/ready").then().statusCode(200);

        try (LogCapture log = LogCapture.start(); Connection owner = org.carechart.support.Db.ownerConnection();
             Statement sql = owner.createStatement()) {
            try {
                sql.execute("alter role carechart_runtime connection limit 0");
                sql.execute("select pg_terminate_backend(pid) from pg_stat_activity where usename = 'carechart_runtime'");

                await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(token)
                        .when().get("/api/v1/patients/{p}/chart", patient).statusCode() == 503);
                for (int i = 0; i < 20; i++) {
                    Response answer = given().auth().oauth2(token).when().get("/api/v1/patients/{p}/chart", patient);
                    answer.then().statusCode(503)
                            .contentType(startsWith("application/problem+json"))
                            .header("Retry-After", equalTo("2"))
                            .body("type", endsWith("/unavailable"))
                            .body("status", equalTo(503));
                }
                given().port(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class)).when().get("/q/health/ready").then().statusCode(503).body("status", equalTo("DOWN"));
            } finally {
                sql.execute("alter role carechart_runtime connection limit -1");
            }
            await().atMost(Duration.ofSeconds(20)).until(() -> given().port(org.eclipse.microprofile.config.ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class)).when().get("/q/health/ready").statusCode() == 200);
            await().atMost(Duration.ofSeconds(20)).until(() -> given().auth().oauth2(token)
                    .when().get("/api/v1/patients/{p}/chart", patient).statusCode() == 200);

            assertEquals(1, log.mentioning("PostgreSQL is unreachable").size(), () -> String.join("\n", log.mentioning("PostgreSQL")));
            assertEquals(1, log.mentioning("PostgreSQL is reachable again").size(), () -> String.join("\n", log.mentioning("PostgreSQL")));
            assertTrue(log.errors().isEmpty(), () -> String.join("\n", log.errors()));
        }
        // Reads answered during the outage were never answered 200 without their record: the chain is whole.
        given().auth().oauth2(Tokens.admin(org.carechart.embedded.DemoAccounts.ADMIN)).queryParam("patientId", patient)
                .when().get("/api/v1/audit/verification").then().statusCode(200).body("intact", equalTo(true));
    }
}
