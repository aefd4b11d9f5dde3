package org.carechart.fhir;

import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import ca.uhn.fhir.rest.gclient.TokenClientParam;
import ca.uhn.fhir.rest.gclient.ReferenceClientParam;
import ca.uhn.fhir.validation.SingleValidationMessage;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.carechart.embedded.DemoAccounts;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CapabilityStatement;
import org.hl7.fhir.r4.model.Observation;
import org.hl7.fhir.r4.model.Patient;
import org.junit.jupiter.api.Test;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A standard FHIR client (HAPI's generic client) signs in as Alice at the embedded issuer, reads
 * her Patient record and pages through her vital signs; what it gets is US Core-valid.
 */
@QuarkusTest
class FhirClientTest {

    @TestHTTPResource("/fhir/r4")
    URL base;

    @Test
    void aliceReadsAndSearchesHerRecordWithAStandardClient() {
        String token = given().contentType("application/x-www-form-urlencoded").formParam("grant_type", "password")
                .formParam("username", "alice").formParam("password", org.carechart.embedded.DemoAccounts.PASSWORD)
                .post("/api/v1/auth/token").then().statusCode(200).extract().path("access_token");
        UsCoreValidator.CONTEXT.getRestfulClientFactory().setServerValidationMode(ServerValidationModeEnum.NEVER);
        IGenericClient client = UsCoreValidator.CONTEXT.newRestfulGenericClient(base.toString());
        client.registerInterceptor(new BearerTokenAuthInterceptor(token));

        CapabilityStatement metadata = client.capabilities().ofType(CapabilityStatement.class).execute();
        assertEquals("4.0.1", metadata.getFhirVersion().toCode());

        Patient alice = client.read().resource(Patient.class).withId(DemoAccounts.ALICE_PATIENT.toString()).execute();
        assertEquals("Morgan", alice.getNameFirstRep().getFamily());
        assertEquals(List.of(), errors(alice));

        Bundle page = client.search().forResource(Observation.class)
                .where(new ReferenceClientParam("patient").hasId("Patient/" + DemoAccounts.ALICE_PATIENT))
                .and(new TokenClientParam("category").exactly().code("vital-signs"))
                .count(10).returnBundle(Bundle.class).execute();
        List<Observation> vitals = new ArrayList<>();
        int pages = 0;
        while (page != null) {
            page.getEntry().forEach(e -> vitals.add((Observation) e.getResource()));
            pages++;
            page = page.getLink(Bundle.LINK_NEXT) == null ? null : client.loadPage().next(page).execute();
        }
        assertTrue(pages > 1, "paged with next links");
        assertTrue(vitals.size() > 10);
        assertTrue(vitals.stream().allMatch(o -> o.getCategoryFirstRep().getCodingFirstRep().getCode().equals("vital-signs")));
        assertEquals(List.of(), errors(vitals.get(0)));

        Observation one = client.read().resource(Observation.class).withId(vitals.get(0).getIdElement().getIdPart()).execute();
        assertEquals(vitals.get(0).getCode().getCodingFirstRep().getCode(), one.getCode().getCodingFirstRep().getCode());
    }

    private static List<String> errors(org.hl7.fhir.instance.model.api.IBaseResource resource) {
        String json = UsCoreValidator.CONTEXT.newJsonParser().encodeResourceToString(resource);
        return UsCoreValidator.validate(json).stream().filter(UsCoreValidator::isError)
                .map(SingleValidationMessage::getMessage).toList();
    }
}
