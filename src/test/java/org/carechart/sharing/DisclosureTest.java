package org.carechart.sharing;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.carechart.audit.AuditAction;
import org.carechart.audit.AuditEntry;
import org.carechart.audit.AuditService;
import org.carechart.embedded.DemoAccounts;
import org.carechart.identity.Caller;
import org.carechart.identity.Role;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

@QuarkusTest
class DisclosureTest {

    @Inject
    AuditService audit;

    @Test
    void listsLinkUsesGrantReadsAndBreakTheGlassButNotThePatientsOwnOrTheCareTeamsAccesses() {
        var patient = SharingFixtures.patient();
        var provider = SharingFixtures.provider(DemoAccounts.LAKEVIEW);
        GrantTest.grant(patient, "provider", provider.accountId(), List.of("condition"), "research", null);

        // Reads as the chart feature will record them (the chart is not on this branch yet).
        record(provider.caller(), AuditAction.READ, patient.patientId(), "grant", "condition");
        Caller careTeam = new Caller(DemoAccounts.DR_LEE, "Dr. Lee", Set.of(Role.PROVIDER), null, DemoAccounts.RIVERSIDE,
                Set.of(), null);
        record(careTeam, AuditAction.READ, patient.patientId(), "care-team", "condition");
        Caller self = new Caller(patient.accountId(), "Nora Fixture", Set.of(Role.PATIENT), patient.patientId(), null,
                Set.of(), null);
        record(self, AuditAction.READ, patient.patientId(), "self", "condition");
        Caller shaw = new Caller(DemoAccounts.DR_SHAW, "Dr. Shaw", Set.of(Role.PROVIDER), null, DemoAccounts.LAKEVIEW,
                Set.of(), null);
        record(shaw, AuditAction.BREAK_GLASS, patient.patientId(), "break-the-glass", "break-glass-session");

        ShareLinkTest.Link link = ShareLinkTest.create(patient, Map.of("categories", List.of("allergy"),
                "expiresAt", SharingFixtures.inDays(1)));
        given().when().get(link.path()).then().statusCode(200);

        given().auth().oauth2(patient.token())
                .when().get("/api/v1/patients/{p}/disclosures", patient.patientId())
                .then().statusCode(200)
                .body("items", hasSize(3))
                .body("items.basis", contains("share-link", "break-the-glass", "grant"))
                .body("items[0].recipient.name", equalTo("share link " + link.id().toString().substring(0, 8)))
                .body("items[0].resourceType", equalTo("share-link"))
                .body("items[0].detail", equalTo("categories=allergy"))
                .body("items[1].recipient.name", equalTo("Dr. Shaw"))
                .body("items[1].recipient.organizationName", equalTo("Lakeview Clinic"))
                .body("items[1].purpose", equalTo("treatment"))
                .body("items[2].recipient.id", equalTo(provider.accountId().toString()))
                .body("items[2].recipient.roles", contains("provider"))
                .body("items[2].resourceType", equalTo("condition"))
                .body("items[2].purpose", equalTo("research"))
                .body("nextCursor", nullValue());
    }

    @Test
    void isPagedByCursorAndOpenToRecordsStaffButNotToStrangers() {
        var patient = SharingFixtures.patient();
        var app = SharingFixtures.app(SharingFixtures.organization());
        GrantTest.grant(patient, "app", app.accountId(), List.of("medication"), "payment", null);
        for (int i = 0; i < 5; i++) {
            record(app.caller(), AuditAction.READ, patient.patientId(), "grant", "medication");
        }

        List<String> seen = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().auth().oauth2(Tokens.samRecords()).queryParam("limit", 2);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            var page = request.when().get("/api/v1/patients/{p}/disclosures", patient.patientId())
                    .then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("items.id"));
            page.getList("items.purpose").forEach(purpose -> assertEquals("payment", purpose));
            cursor = page.getString("nextCursor");
            pages++;
        } while (cursor != null);
        assertEquals(5, seen.size(), "every read once, none twice: " + seen);
        assertEquals(5, Set.copyOf(seen).size());
        assertEquals(3, pages);

        given().auth().oauth2(Tokens.drShaw())
                .when().get("/api/v1/patients/{p}/disclosures", patient.patientId())
                .then().statusCode(404);
        given().auth().oauth2(Tokens.lenaRecords())
                .when().get("/api/v1/patients/{p}/disclosures", patient.patientId())
                .then().statusCode(404);
        given().auth().oauth2(patient.token()).queryParam("cursor", "not-a-cursor")
                .when().get("/api/v1/patients/{p}/disclosures", patient.patientId())
                .then().statusCode(400).body("errors[0].field", equalTo("cursor"));
        given().auth().oauth2(patient.token()).queryParam("limit", 1000)
                .when().get("/api/v1/patients/{p}/disclosures", patient.patientId())
                .then().statusCode(400).body("errors[0].field", equalTo("limit"));
    }

    private void record(Caller caller, AuditAction action, UUID patient, String basis, String resourceType) {
        assertNotNull(caller);
        audit.recordIndependently(AuditEntry.success(caller, action, patient, basis, resourceType, UUID.randomUUID().toString()))
                .await().indefinitely();
    }
}
