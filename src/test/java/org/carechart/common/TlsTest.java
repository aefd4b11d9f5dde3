package org.carechart.common;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import org.carechart.support.TestDatabase;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, "Hardening": HTTPS from configuration alone with a PEM certificate and key
 * ({@code quarkus.http.ssl.certificate.files} / {@code key-files}, set by the suite's test resource to a
 * self-signed pair made by openssl). Over TLS the answers carry HSTS; a client that does not trust the
 * certificate gets no answer at all.
 */
@QuarkusTest
class TlsTest {

    @TestHTTPResource(value = "/api/v1/me", tls = true)
    URL me;

    @Test
    void theApiAnswersOverHttpsWithThePemCertificateAndSendsHsts() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream pem = Files.newInputStream(TestDatabase.tlsCertificate())) {
            trust.setCertificateEntry("carechart-test", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trustManagers = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trustManagers.init(trust);
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, trustManagers.getTrustManagers(), null);
        assertEquals("https", me.getProtocol());
        HttpRequest request = HttpRequest.newBuilder(URI.create(me.toString()))
                .header("Authorization", "Bearer " + Tokens.alice()).GET().build();
        HttpResponse<String> answer = HttpClient.newBuilder().sslContext(tls).build()
                .send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        assertEquals(SecurityHeaders.HSTS, answer.headers().firstValue("Strict-Transport-Security").orElse(null));
        IOException refused = assertThrows(IOException.class,
                () -> HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString()));
        assertTrue(refused instanceof SSLException || refused.getCause() instanceof SSLException, String.valueOf(refused));
    }
}
