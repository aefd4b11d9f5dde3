package org.carechart.oauth;

import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Walks the consent page over plain HTTP, as a browser would (cookie, hidden fields), for the
 * protocol tests; {@link SmartBrowserTest} does the same in a real browser.
 */
final class ConsentDriver {

    private static final Pattern HIDDEN = Pattern.compile("name=\"(request_id|csrf)\" value=\"([^\"]+)\"");

    final String clientId;
    final String redirectUri;
    final String verifier = SmartApps.verifier();
    String state = "st-" + UUID.randomUUID();
    String scope;
    String aud = SmartApps.FHIR_BASE;
    String requestId;
    String csrf;
    String cookie;

    ConsentDriver(String clientId, String redirectUri, String scope) {
        this.clientId = clientId;
        this.redirectUri = redirectUri;
        this.scope = scope;
    }

    Map<String, String> authorizeParams() {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("scope", scope);
        params.put("state", state);
        params.put("aud", aud);
        params.put("code_challenge", SmartApps.challenge(verifier));
        params.put("code_challenge_method", "S256");
        return params;
    }

    static RequestSpecification browser() {
        return given().redirects().follow(false);
    }

    /** GET /oauth2/authorize with these parameters; keeps the page's hidden fields and cookie. */
    Response start(Map<String, String> params) {
        Response page = browser().queryParams(params).when().get("/oauth2/authorize");
        remember(page);
        return page;
    }

    Response start() {
        return start(authorizeParams());
    }

    void remember(Response page) {
        Matcher m = HIDDEN.matcher(page.asString());
        while (m.find()) {
            if (m.group(1).equals("request_id")) {
                requestId = m.group(2);
            } else {
                csrf = m.group(2);
            }
        }
        if (page.getCookie(AuthorizeResource.CSRF_COOKIE) != null) {
            cookie = page.getCookie(AuthorizeResource.CSRF_COOKIE);
        }
    }

    Response signIn(String username, String password) {
        Response page = form().formParam("step", "signin").formParam("username", username).formParam("password", password)
                .when().post("/oauth2/authorize");
        remember(page);
        return page;
    }

    RequestSpecification form() {
        RequestSpecification spec = browser().contentType("application/x-www-form-urlencoded")
                .formParam("request_id", requestId).formParam("csrf", csrf);
        return cookie == null ? spec : spec.cookie(AuthorizeResource.CSRF_COOKIE, cookie);
    }

    Response approve(UUID patient, List<String> categories, boolean offline) {
        RequestSpecification spec = form().formParam("step", "decide").formParam("decision", "approve")
                .formParam("patient", patient.toString()).formParam("expiry", "P90D");
        for (String category : categories) {
            spec.formParam("category", category);
        }
        if (offline) {
            spec.formParam("offline_access", "yes");
        }
        return spec.when().post("/oauth2/authorize");
    }

    /** The whole approval: start, sign in, approve; answers the code from the redirect. */
    String code(String username, UUID patient, List<String> categories, boolean offline) {
        assertEquals(200, start().statusCode());
        assertEquals(200, signIn(username, SmartApps.PASSWORD).statusCode());
        Response back = approve(patient, categories, offline);
        assertEquals(303, back.statusCode(), back.asString());
        Map<String, String> query = SmartApps.query(back.header("Location"));
        assertEquals(state, query.get("state"));
        return query.get("code");
    }
}
