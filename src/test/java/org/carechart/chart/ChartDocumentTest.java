package org.carechart.chart;

import io.quarkus.test.junit.QuarkusTest;
import org.carechart.support.Db;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

@QuarkusTest
class ChartDocumentTest {

    static final byte[] PDF = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
            .getBytes(StandardCharsets.US_ASCII);

    @Test
    void aPdfRoundTripsWithItsSha256() throws Exception {
        ChartFixtures f = ChartFixtures.adult();
        String base = "/api/v1/patients/" + f.patient + "/chart/documents";
        String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(PDF));
        var created = given().auth().oauth2(f.providerToken()).contentType("application/pdf").body(PDF)
                .queryParam("fileName", "discharge.pdf").queryParam("title", "Discharge letter")
                .when().post(base).then().statusCode(201)
                .body("sha256", equalTo(sha)).body("sizeBytes", equalTo(PDF.length)).body("contentType", equalTo("application/pdf"))
                .extract();
        String id = created.path("id");
        String entryId = created.path("entryId");
        byte[] content = given().auth().oauth2(f.patientToken()).when().get(base + "/" + id + "/content")
                .then().statusCode(200).contentType("application/pdf").header("ETag", equalTo("\"" + sha + "\""))
                .extract().asByteArray();
        assertArrayEquals(PDF, content);
        given().auth().oauth2(f.patientToken()).header("If-None-Match", "\"" + sha + "\"").when().get(base + "/" + id + "/content")
                .then().statusCode(304);
        given().auth().oauth2(f.patientToken()).when().get("/api/v1/patients/" + f.patient + "/chart/entries/" + entryId)
                .then().statusCode(200).body("category", equalTo("document")).body("documentId", equalTo(id))
                .body("code.display", equalTo("Discharge letter"));
        assertEquals(1, Db.count("select count(*) from notification_event where patient_id = ? and kind = 'document.added'", f.patient));
        assertEquals(1, f.audits("create"));
    }

    @Test
    void aPngAndAJpegAreAccepted() {
        ChartFixtures f = ChartFixtures.adult();
        String base = "/api/v1/patients/" + f.patient + "/chart/documents";
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0};
        byte[] jpeg = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 0x10};
        given().auth().oauth2(f.staffToken()).contentType("image/png").body(png).when().post(base).then().statusCode(201);
        given().auth().oauth2(f.staffToken()).contentType("image/jpeg").body(jpeg).when().post(base).then().statusCode(201);
        assertEquals(2, Db.count("select count(*) from chart_document where patient_id = ?", f.patient));
        given().auth().oauth2(f.patientToken()).when().get(base)
                .then().statusCode(200)
                .body("items.category", everyItem(equalTo("document")))
                .body("items.documentId", hasSize(2));
    }

    @Test
    void otherTypesAndLiesAboutTheTypeAre415() {
        ChartFixtures f = ChartFixtures.adult();
        String base = "/api/v1/patients/" + f.patient + "/chart/documents";
        given().auth().oauth2(f.providerToken()).contentType("text/html").body("<html></html>").when().post(base)
                .then().statusCode(415).contentType("application/problem+json");
        given().auth().oauth2(f.providerToken()).contentType("application/pdf").body("MZ not a pdf".getBytes())
                .when().post(base).then().statusCode(415);
        assertEquals(0, Db.count("select count(*) from chart_document where patient_id = ?", f.patient));
    }

    @Test
    void aDocumentOverTheLimitIs413() {
        ChartFixtures f = ChartFixtures.adult();
        byte[] big = Arrays.copyOf(PDF, 10 * 1024 * 1024 + 1);
        given().auth().oauth2(f.providerToken()).contentType("application/pdf").body(big)
                .when().post("/api/v1/patients/" + f.patient + "/chart/documents")
                .then().statusCode(413).contentType("application/problem+json");
        assertEquals(0, Db.count("select count(*) from chart_document where patient_id = ?", f.patient));
    }

    @Test
    void aPatientCannotUploadAndAStrangerCannotRead() {
        ChartFixtures f = ChartFixtures.adult();
        String base = "/api/v1/patients/" + f.patient + "/chart/documents";
        given().auth().oauth2(f.patientToken()).contentType("application/pdf").body(PDF).when().post(base).then().statusCode(403);
        String id = given().auth().oauth2(f.providerToken()).contentType("application/pdf").body(PDF).when().post(base)
                .then().statusCode(201).extract().path("id");
        given().auth().oauth2(org.carechart.support.Tokens.drShaw()).when().get(base + "/" + id + "/content").then().statusCode(404);
    }
}
