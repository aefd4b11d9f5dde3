package org.carechart.oauth;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import org.carechart.support.Fixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15 in a real browser (Debian's headless chromium through chromedriver, installed by
 * scripts/install-browser.sh): an app sends the patient to the consent page, the patient signs in,
 * unticks notes and approves; the app exchanges the code, reads labs and is refused notes; the
 * patient revokes the grant and the app's next call and refresh fail. Denying sends access_denied.
 */
@QuarkusTest
class SmartBrowserTest {

    private static final String SCOPES = "launch/patient openid fhirUser offline_access patient/*.rs";

    private static WebDriver browser;
    private static Path profile;
    private static HttpServer app;
    private static String redirectUri;

    @TestHTTPResource("/")
    URL server;

    private final UUID org = Fixtures.organization();
    private final Fixtures.PatientLogin patient = Fixtures.patientLogin(org);
    private final String username = SmartApps.withPassword(patient.account());
    private final UUID staff = Fixtures.account("staff", org, null);
    private final UUID lab = Fixtures.entry(patient.patient(), "observation", false, staff);
    private final UUID note = Fixtures.entry(patient.patient(), "note", false, staff);
    private final String chart = "/api/v1/patients/" + patient.patient() + "/chart/entries";
    private String clientId;

    @BeforeAll
    static void startBrowserAndApp() throws IOException {
        // The app's redirect URI: a page on loopback that says it received the answer.
        app = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        app.createContext("/callback", exchange -> {
            byte[] body = "<!DOCTYPE html><title>Diary</title><p id=received>The app received the answer.</p>"
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        app.start();
        redirectUri = "http://127.0.0.1:" + app.getAddress().getPort() + "/callback";

        profile = Files.createTempDirectory("carechart-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File("/usr/bin/chromedriver")).usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
        browser.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    }

    @AfterAll
    static void stopBrowserAndApp() throws IOException {
        if (browser != null) {
            browser.quit();
        }
        if (app != null) {
            app.stop(0);
        }
        if (profile != null) {
            try (var files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            }
        }
    }

    @BeforeEach
    void registerTheApp() {
        clientId = SmartApps.registerPublic(Fixtures.organization(), redirectUri, SCOPES.split(" "));
        browser.manage().deleteAllCookies();
    }

    @Test
    void aPatientApprovesInTheBrowserUnticksNotesAndLaterRevokes() {
        String verifier = SmartApps.verifier();
        String state = "s-" + UUID.randomUUID();
        // the app redirects the patient to Carechart
        browser.get(authorizeUrl(verifier, state));
        assertTrue(text("h1").contains("wants to connect"), text("h1"));

        signIn();
        assertTrue(text("h1").contains("asks to see your records"), text("h1"));
        String page = browser.findElement(By.tagName("body")).getText();
        assertTrue(page.contains("Lab results, vital signs and other measurements"), page);
        assertTrue(page.contains("Clinical notes your care team wrote"), page);
        assertTrue(page.contains("My own records"), page);

        WebElement notes = browser.findElement(By.id("category-note"));
        assertTrue(notes.isSelected());
        notes.click();
        assertFalse(notes.isSelected());
        browser.findElement(By.id("approve")).click();

        Map<String, String> answer = answerAtTheApp();
        assertEquals(state, answer.get("state"));
        assertNull(answer.get("error"));
        assertEquals("The app received the answer.", browser.findElement(By.id("received")).getText());

        // the app exchanges the code
        Response tokens = SmartApps.exchange(clientId, answer.get("code"), redirectUri, verifier);
        tokens.then().statusCode(200).body("patient", equalTo(patient.patient().toString()));
        String access = tokens.path("access_token");
        given().auth().oauth2(access).queryParam("category", "observation").get(chart).then().statusCode(200)
                .body("items.id", contains(lab.toString()));
        given().auth().oauth2(access).queryParam("category", "note").get(chart).then().statusCode(403);
        given().auth().oauth2(access).get(chart + "/" + note).then().statusCode(404);

        // the patient finds the app in their grants list and revokes it
        String grants = "/api/v1/patients/" + patient.patient() + "/grants";
        UUID appAccount = SmartApps.appAccount(clientId);
        String grant = given().auth().oauth2(patient.token()).get(grants).then().statusCode(200)
                .body("items.find { it.granteeId == '" + appAccount + "' }.categories", allOf(hasItem("observation"), not(hasItem("note"))))
                .extract().path("items.find { it.granteeId == '" + appAccount + "' }.id");
        given().auth().oauth2(patient.token()).delete(grants + "/" + grant).then().statusCode(204);

        given().auth().oauth2(access).queryParam("category", "observation").get(chart).then().statusCode(404);
        SmartApps.refresh(clientId, tokens.path("refresh_token")).then().statusCode(400).body("error", equalTo("invalid_grant"));
    }

    @Test
    void denyingSendsAccessDeniedToTheApp() {
        String state = "s-" + UUID.randomUUID();
        browser.get(authorizeUrl(SmartApps.verifier(), state));
        signIn();
        browser.findElement(By.id("deny")).click();

        Map<String, String> answer = answerAtTheApp();
        assertEquals("access_denied", answer.get("error"));
        assertEquals(state, answer.get("state"));
        assertNull(answer.get("code"));
        given().auth().oauth2(patient.token()).get("/api/v1/patients/" + patient.patient() + "/grants").then()
                .body("items.size()", equalTo(0));
    }

    private void signIn() {
        browser.findElement(By.id("username")).sendKeys(username);
        browser.findElement(By.id("password")).sendKeys(SmartApps.PASSWORD);
        String before = browser.getCurrentUrl();
        browser.findElement(By.id("sign-in")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20)).withMessage(() -> browser.getPageSource())
                .until(ExpectedConditions.presenceOfElementLocated(By.id("approve")));
        assertTrue(before.contains("/oauth2/authorize"));
    }

    private Map<String, String> answerAtTheApp() {
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(ExpectedConditions.urlContains(redirectUri));
        return SmartApps.query(browser.getCurrentUrl());
    }

    private String text(String tag) {
        return browser.findElement(By.tagName(tag)).getText();
    }

    private String authorizeUrl(String verifier, String state) {
        Map<String, String> params = new java.util.LinkedHashMap<>();
        params.put("response_type", "code");
        params.put("client_id", clientId);
        params.put("redirect_uri", redirectUri);
        params.put("scope", SCOPES);
        params.put("state", state);
        params.put("aud", SmartApps.FHIR_BASE);
        params.put("code_challenge", SmartApps.challenge(verifier));
        params.put("code_challenge_method", "S256");
        String base = server.toString().replace("127.0.0.1", "localhost");
        return base + "oauth2/authorize?" + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
