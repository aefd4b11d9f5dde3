package org.carechart.contract;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.carechart.client.ApiClient;
import org.carechart.client.ApiException;
import org.carechart.client.JSON;
import org.carechart.client.api.AccountsApi;
import org.carechart.client.api.ChartApi;
import org.carechart.client.api.IdentityApi;
import org.carechart.client.api.PatientsApi;
import org.carechart.client.model.AccountLinkRequest;
import org.carechart.client.model.AccountView;
import org.carechart.client.model.ChartEntryInput;
import org.carechart.client.model.ChartEntryView;
import org.carechart.client.model.ChartSummaryView;
import org.carechart.client.model.CodeView;
import org.carechart.client.model.DocumentView;
import org.carechart.client.model.MeView;
import org.carechart.client.model.NewAccount;
import org.carechart.client.model.PageChartEntryView;
import org.carechart.client.model.Problem;
import org.carechart.client.model.TokenResponse;
import org.carechart.support.Fixtures;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A third party's first hour, with the Java client generated from the published openapi/openapi.yaml
 * (openapi-generator, library native) against the running test instance: no hand-written HTTP at all.
 */
@QuarkusTest
class ContractClientTest {

    private static final String PASSWORD = "a-contract-password";

    @Test
    void aGeneratedClientSignsInReadsWritesUploadsAndReadsTypedErrors() throws Exception {
        UUID organization = Fixtures.organization();
        UUID patient = Fixtures.patient(organization);

        // The administrator registers a patient login and a provider through the API itself.
        AccountsApi admin = new AccountsApi(client(signIn("admin", "carechart-demo")));
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        AccountView patientAccount = admin.createAccount(new NewAccount().username("contract-patient-" + suffix)
                .password(PASSWORD).displayName("Contract Patient").roles(List.of("patient")));
        AccountView provider = admin.createAccount(new NewAccount().username("contract-dr-" + suffix)
                .password(PASSWORD).displayName("Dr. Contract").roles(List.of("provider")).organizationId(organization));
        AccountView staff = admin.createAccount(new NewAccount().username("contract-records-" + suffix)
                .password(PASSWORD).displayName("Contract Records").roles(List.of("staff")).organizationId(organization));
        Fixtures.careTeam(patient, provider.getId());
        // Records staff of the patient's organization link the personal account to the patient.
        new PatientsApi(client(signIn(staff.getUsername(), PASSWORD)))
                .linkPatientAccount(patient, new AccountLinkRequest().accountId(patientAccount.getId()));

        // Sign in and ask who I am.
        ApiClient asPatient = client(signIn(patientAccount.getUsername(), PASSWORD));
        MeView me = new IdentityApi(asPatient).getMe();
        assertEquals(patient, me.getPatientId());
        assertTrue(me.getRoles().contains("patient"));

        // The provider adds an entry; the retry with the same Idempotency-Key answers the same entry.
        ChartApi providerChart = new ChartApi(client(signIn(provider.getUsername(), PASSWORD)));
        ChartEntryInput input = new ChartEntryInput().category("condition").status("active")
                .code(new CodeView().system("http://snomed.info/sct").code("38341003").display("Hypertensive disorder"))
                .effectiveAt(OffsetDateTime.now().minusHours(1).truncatedTo(ChronoUnit.SECONDS));
        String key = UUID.randomUUID().toString();
        ChartEntryView added = providerChart.addChartEntry(patient, key, input);
        ChartEntryView retried = providerChart.addChartEntry(patient, key, input);
        assertEquals(added.getId(), retried.getId());
        assertEquals(1, added.getVersion());

        // The patient's summary and first page of entries show it.
        ChartApi patientChart = new ChartApi(asPatient);
        ChartSummaryView summary = patientChart.getChartSummary(patient, null);
        assertTrue(summary.getActiveProblems().stream().anyMatch(e -> e.getId().equals(added.getId())));
        PageChartEntryView page = patientChart.listChartEntries(patient, "condition", null, null, null, 20, null, null, null);
        assertEquals(added.getId(), page.getItems().get(0).getId());
        assertEquals("Hypertensive disorder", page.getItems().get(0).getCode().getDisplay());

        // A PDF up (the client sends the declared media type) and back down, byte for byte.
        byte[] pdf = "%PDF-1.4\n% a contract test\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        Path upload = Files.createTempFile("contract", ".pdf");
        Files.write(upload, pdf);
        DocumentView document = providerChart.uploadDocument(patient, upload.toFile(), "letter.pdf", false, "Referral letter");
        assertEquals("application/pdf", document.getContentType());
        File downloaded = patientChart.downloadDocument(document.getId(), patient, null);
        assertArrayEquals(pdf, Files.readAllBytes(downloaded.toPath()));

        // An entry that is not there: a 404 whose body reads as the typed Problem.
        ApiException missing = assertThrows(ApiException.class,
                () -> patientChart.getChartEntry(UUID.randomUUID(), patient, null));
        assertEquals(404, missing.getCode());
        Problem problem = new JSON().getMapper().readValue(missing.getResponseBody(), Problem.class);
        assertEquals("https://carechart.org/problems/not-found", problem.getType().toString());
        assertEquals(404, problem.getStatus());
        assertNotNull(problem.getDetail());
    }

    /** The token endpoint, through the client: the documented form fields and the typed token response. */
    private static String signIn(String username, String password) throws ApiException {
        TokenResponse tokens = new IdentityApi(client(null)).issueToken("password", username, password, null);
        assertEquals("Bearer", tokens.getTokenType());
        assertNotNull(tokens.getRefreshToken());
        return tokens.getAccessToken();
    }

    private static ApiClient client(String token) {
        ApiClient client = new ApiClient();
        client.updateBaseUri("http://localhost:" + RestAssured.port);
        if (token != null) {
            client.setRequestInterceptor(request -> request.header("Authorization", "Bearer " + token));
        }
        return client;
    }
}
