package org.carechart.patient;

import org.carechart.support.Fixtures;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every role against every patient-scoped endpoint, for their own patient and for another one.
 * The expected table is written out in full; the test collects every cell that differs.
 */
@QuarkusTest
class PatientAccessMatrixTest {

    private static final String REASON = "Emergency: patient arrived unresponsive";

    /** The world: a patient P with a proxy, a care-team provider and an app grant, and another patient Q, both of org A. */
    private final UUID orgA = Fixtures.organization();
    private final UUID orgB = Fixtures.organization();
    private final Fixtures.PatientLogin own = Fixtures.patientLogin(orgA);
    private final UUID other = Fixtures.patient(orgA);
    private final UUID proxyAccount = Fixtures.account("patient", null, null);
    private final UUID careProvider = Fixtures.account("provider", orgA, null);
    private final UUID grantedApp = Fixtures.account("app", orgB, null);

    {
        Fixtures.proxy(own.patient(), proxyAccount, "caregiver");
        Fixtures.careTeam(own.patient(), careProvider);
        Fixtures.grant(own.patient(), "app", grantedApp, "condition,medication");
    }

    private record Endpoint(String name, Function<UUID, Integer> call) {
    }

    private static String[] row(String... statuses) {
        return statuses;
    }

    @Test
    void everyRoleGetsExactlyTheAnswerTheRulesGive() {
        Map<String, Supplier<String>> roles = new LinkedHashMap<>();
        roles.put("patient", own::token);
        roles.put("proxy", () -> Fixtures.personalToken(proxyAccount));
        roles.put("care-team provider", () -> Tokens.provider(careProvider, orgA));
        roles.put("other provider", () -> Tokens.provider(Fixtures.account("provider", orgA, null), orgA));
        roles.put("staff same org", () -> Tokens.staff(Fixtures.account("staff", orgA, null), orgA));
        roles.put("staff other org", () -> Tokens.staff(Fixtures.account("staff", orgB, null), orgB));
        roles.put("app with grant", () -> Tokens.app(grantedApp, orgB));
        roles.put("app without grant", () -> Tokens.app(Fixtures.account("app", orgB, null), orgB));
        roles.put("admin", () -> Tokens.admin(Fixtures.account("admin", null, null)));

        // Columns: GET patient, GET care-team, POST care-team, DELETE care-team member, GET proxies, POST proxies,
        // DELETE proxy, POST break-glass. Break-glass comes last: it changes what the caller may see.
        Map<String, String[]> expectOwn = new LinkedHashMap<>();
        expectOwn.put("patient", row("200", "200", "403", "403", "200", "201", "204", "403"));
        expectOwn.put("proxy", row("200", "200", "403", "403", "403", "403", "403", "403"));
        expectOwn.put("care-team provider", row("200", "200", "403", "403", "403", "403", "403", "409"));
        expectOwn.put("other provider", row("404", "404", "404", "404", "404", "404", "404", "201"));
        expectOwn.put("staff same org", row("200", "200", "201", "204", "200", "201", "204", "403"));
        expectOwn.put("staff other org", row("404", "404", "404", "404", "404", "404", "404", "404"));
        expectOwn.put("app with grant", row("200", "200", "403", "403", "403", "403", "403", "403"));
        expectOwn.put("app without grant", row("404", "404", "404", "404", "404", "404", "404", "404"));
        expectOwn.put("admin", row("404", "404", "404", "404", "404", "404", "404", "404"));

        Map<String, String[]> expectOther = new LinkedHashMap<>();
        expectOther.put("patient", row("404", "404", "404", "404", "404", "404", "404", "404"));
        expectOther.put("proxy", row("404", "404", "404", "404", "404", "404", "404", "404"));
        expectOther.put("care-team provider", row("404", "404", "404", "404", "404", "404", "404", "201"));
        expectOther.put("other provider", row("404", "404", "404", "404", "404", "404", "404", "201"));
        expectOther.put("staff same org", row("200", "200", "201", "204", "200", "201", "204", "403"));
        expectOther.put("staff other org", row("404", "404", "404", "404", "404", "404", "404", "404"));
        expectOther.put("app with grant", row("404", "404", "404", "404", "404", "404", "404", "404"));
        expectOther.put("app without grant", row("404", "404", "404", "404", "404", "404", "404", "404"));
        expectOther.put("admin", row("404", "404", "404", "404", "404", "404", "404", "404"));

        List<String> mismatches = new ArrayList<>();
        for (String role : roles.keySet()) {
            check(role, "own patient", roles.get(role).get(), own.patient(), expectOwn.get(role), mismatches);
            check(role, "another patient", roles.get(role).get(), other, expectOther.get(role), mismatches);
        }
        assertTrue(mismatches.isEmpty(), "cells that differ from the rules:\n" + String.join("\n", mismatches));
    }

    @Test
    void listingPatientsIsForProvidersAndStaffOnly() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put(own.token(), 403);
        expected.put(Fixtures.personalToken(proxyAccount), 403);
        expected.put(Tokens.app(grantedApp, orgB), 403);
        expected.put(Tokens.admin(Fixtures.account("admin", null, null)), 403);
        expected.put(Tokens.provider(careProvider, orgA), 200);
        expected.put(Tokens.staff(Fixtures.account("staff", orgB, null), orgB), 200);
        expected.forEach((token, status) -> given().auth().oauth2(token).when().get("/api/v1/patients")
                .then().statusCode(status));
        given().when().get("/api/v1/patients").then().statusCode(401);
        given().when().get("/api/v1/patients/{id}", own.patient()).then().statusCode(401);
    }

    private void check(String role, String target, String token, UUID patient, String[] expected, List<String> mismatches) {
        List<Endpoint> endpoints = List.of(
                new Endpoint("GET patient", p -> as(token).get("/api/v1/patients/{id}", p).statusCode()),
                new Endpoint("GET care-team", p -> as(token).get("/api/v1/patients/{id}/care-team", p).statusCode()),
                new Endpoint("POST care-team", p -> as(token).contentType(ContentType.JSON)
                        .body(Map.of("providerId", Fixtures.account("provider", orgA, null).toString(), "role", "consultant"))
                        .post("/api/v1/patients/{id}/care-team", p).statusCode()),
                new Endpoint("DELETE care-team", p -> as(token).delete("/api/v1/patients/{id}/care-team/{m}", p,
                        Fixtures.careTeam(p, Fixtures.account("provider", orgA, null))).statusCode()),
                new Endpoint("GET proxies", p -> as(token).get("/api/v1/patients/{id}/proxies", p).statusCode()),
                new Endpoint("POST proxies", p -> as(token).contentType(ContentType.JSON)
                        .body(Map.of("proxyAccountId", Fixtures.account("patient", null, null).toString(), "relationship", "caregiver"))
                        .post("/api/v1/patients/{id}/proxies", p).statusCode()),
                new Endpoint("DELETE proxy", p -> as(token).delete("/api/v1/patients/{id}/proxies/{x}", p,
                        Fixtures.proxy(p, Fixtures.account("patient", null, null), "caregiver")).statusCode()),
                new Endpoint("POST break-glass", p -> as(token).contentType(ContentType.JSON).body(Map.of("reason", REASON))
                        .post("/api/v1/patients/{id}/break-glass", p).statusCode()));
        for (int i = 0; i < endpoints.size(); i++) {
            int actual = endpoints.get(i).call().apply(patient);
            if (!String.valueOf(actual).equals(expected[i])) {
                mismatches.add(String.format("%-18s %-16s %-17s expected %s, got %d", role, target, endpoints.get(i).name(),
                        expected[i], actual));
            }
        }
    }

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).when();
    }
}
