package org.carechart.notification;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Vertx;
import jakarta.inject.Inject;
import org.carechart.chart.ChartFixtures;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.carechart.notification.LiveChartUpdatesTest.PATIENCE;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Issue 11, finding 4, for live streams: disabling an account closes its open streams at once (as for
 * an ended link), and the stream cannot be opened again with the old token.
 */
@QuarkusTest
class SessionEndClosesStreamsTest {

    @Inject
    Vertx vertx;

    @Test
    void finding4_disablingAnAccountClosesItsLiveStreams() {
        ChartFixtures f = ChartFixtures.adult();
        try (SocketClient socket = SocketClient.open(vertx, null, f.patientToken())) {
            given().auth().oauth2(Tokens.admin(DemoAccounts.ADMIN)).post("/api/v1/accounts/" + f.patientAccount + "/disable")
                    .then().statusCode(200);
            await().atMost(PATIENCE).until(() -> socket.closeCode != null);
            assertEquals((short) NotificationSocket.ACCESS_ENDED, socket.closeCode);
        }
        given().auth().oauth2(f.patientToken()).get("/api/v1/notifications/sse").then().statusCode(401);
    }
}
