package org.carechart.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Tokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPrivateCrtKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.RSAPublicKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The bad-token list: every forged, damaged or misdirected token answers 401 with a problem
 * document, never 500 and never 200. A well-made token is checked first in each group, so a
 * refusal is known to be about the one thing that was changed.
 */
@QuarkusTest
class BadTokenTest {

    private static final String ISSUER = "https://carechart.local/issuer";
    private static final String AUDIENCE = "carechart-api";

    private static RSAPrivateCrtKey signingKey;
    private static RSAPublicKey publicKey;
    private static String publicKeyPem;
    private static KeyPair otherKey;
    private static HttpServer keyServer;
    private static final AtomicInteger keyServerRequests = new AtomicInteger();

    @BeforeAll
    static void keys() throws Exception {
        Path dir = Path.of("target", "test-keys");
        String pem = Files.readString(dir.resolve("signing-key.pem"));
        byte[] der = Base64.getMimeDecoder().decode(pem.replaceAll("-----[A-Z ]+-----", ""));
        signingKey = (RSAPrivateCrtKey) KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(der));
        publicKey = (RSAPublicKey) KeyFactory.getInstance("RSA")
                .generatePublic(new RSAPublicKeySpec(signingKey.getModulus(), signingKey.getPublicExponent()));
        publicKeyPem = Files.readString(dir.resolve("signing-key.pub.pem"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        otherKey = generator.generateKeyPair();

        // A key server an attacker would point jku / x5u at. The service must never call it.
        keyServer = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        String attackerJwks = new JWKSet(new RSAKey.Builder((RSAPublicKey) otherKey.getPublic()).keyID("attacker").build())
                .toString(true);
        keyServer.createContext("/", exchange -> {
            keyServerRequests.incrementAndGet();
            byte[] body = attackerJwks.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        keyServer.start();
    }

    @AfterAll
    static void stopKeyServer() {
        if (keyServer != null) {
            keyServer.stop(0);
        }
    }

    private static JWTClaimsSet.Builder aliceClaims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(ISSUER)
                .audience(AUDIENCE)
                .subject(DemoAccounts.ALICE_ACCOUNT.toString())
                .claim("groups", List.of("patient"))
                .claim("patient_id", DemoAccounts.ALICE_PATIENT.toString())
                .claim("name", "Alice Morgan")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(300)));
    }

    private static String rs256(JWTClaimsSet claims, Consumer<JWSHeader.Builder> header, java.security.PrivateKey key)
            throws Exception {
        JWSHeader.Builder builder = new JWSHeader.Builder(JWSAlgorithm.RS256).type(JOSEObjectType.JWT);
        header.accept(builder);
        SignedJWT jwt = new SignedJWT(builder.build(), claims);
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static String valid(JWTClaimsSet claims) throws Exception {
        return rs256(claims, h -> { }, signingKey);
    }

    private static String b64(String json) {
        return Base64URL.encode(json.getBytes(StandardCharsets.UTF_8)).toString();
    }

    private static ValidatableResponse me(String authorization) {
        return given().header("Authorization", authorization).when().get("/api/v1/me").then();
    }

    private static void refused(String token) {
        refusedHeader("Bearer " + token);
    }

    private static void refusedHeader(String authorization) {
        me(authorization).statusCode(401)
                .contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"))
                .body("type", equalTo("https://carechart.org/problems/unauthorized"))
                .body("status", equalTo(401));
    }

    private static void accepted(String token) {
        me("Bearer " + token).statusCode(200).body("patientId", equalTo(DemoAccounts.ALICE_PATIENT.toString()));
    }

    @Test
    void aWellMadeTokenIsAcceptedSoEveryRefusalBelowIsAboutOneChange() throws Exception {
        accepted(valid(aliceClaims().build()));
        accepted(rs256(aliceClaims().build(), h -> h.keyID(new SigningKeyIdProbe().kid()), signingKey));
    }

    @Test
    void algNoneInAnySpellingIsRefused() throws Exception {
        String payload = SignedJWT.parse(valid(aliceClaims().build())).getPayload().toBase64URL().toString();
        for (String alg : List.of("none", "None", "NONE", "nOnE")) {
            String header = b64("{\"alg\":\"" + alg + "\",\"typ\":\"JWT\"}");
            refused(header + "." + payload + ".");
            refused(header + "." + payload);
        }
    }

    @Test
    void hs256SignedWithThePublicKeyAsSecretIsRefused() throws Exception {
        for (byte[] secret : List.of(publicKeyPem.getBytes(StandardCharsets.US_ASCII), publicKey.getEncoded())) {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT).build(),
                    aliceClaims().build());
            jwt.sign(new MACSigner(secret));
            refused(jwt.serialize());
        }
    }

    @Test
    void aTokenSignedByAnotherKeyIsRefused() throws Exception {
        refused(rs256(aliceClaims().build(), h -> { }, otherKey.getPrivate()));
    }

    @Test
    void anEs256TokenFromAKeyThatIsNotOursIsRefused() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        KeyPair ec = generator.generateKeyPair();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).build(),
                aliceClaims().build());
        jwt.sign(new com.nimbusds.jose.crypto.ECDSASigner((java.security.interfaces.ECPrivateKey) ec.getPrivate()));
        refused(jwt.serialize());
    }

    @Test
    void aDamagedSignatureIsRefused() throws Exception {
        String token = valid(aliceClaims().build());
        int dot = token.lastIndexOf('.');
        String signature = token.substring(dot + 1);
        char middle = signature.charAt(signature.length() / 2);
        String flipped = token.substring(0, dot + 1) + signature.substring(0, signature.length() / 2)
                + (middle == 'A' ? 'B' : 'A') + signature.substring(signature.length() / 2 + 1);
        refused(flipped);
        refused(token.substring(0, token.length() - 10));
        refused(token.substring(0, dot + 1));
        refused(token.substring(0, dot));
    }

    @Test
    void aChangedSubjectUnderTheOldSignatureIsRefused() throws Exception {
        String token = valid(aliceClaims().build());
        String[] parts = token.split("\\.");
        String otherPayload = aliceClaims().subject(DemoAccounts.ADMIN.toString())
                .claim("groups", List.of("admin")).build().toPayload().toBase64URL().toString();
        refused(parts[0] + "." + otherPayload + "." + parts[2]);
    }

    @Test
    void expiryIsEnforcedWithAtMostThirtySecondsOfSkew() throws Exception {
        Instant now = Instant.now();
        refused(valid(aliceClaims().issueTime(Date.from(now.minusSeconds(400)))
                .expirationTime(Date.from(now.minusSeconds(60))).build()));
        // Within the skew: a token that expired 10 s ago still works (clocks differ a little).
        accepted(valid(aliceClaims().issueTime(Date.from(now.minusSeconds(300)))
                .expirationTime(Date.from(now.minusSeconds(10))).build()));
    }

    @Test
    void aTokenNotYetValidIsRefused() throws Exception {
        refused(valid(aliceClaims().notBeforeTime(Date.from(Instant.now().plusSeconds(300))).build()));
    }

    @Test
    void aTokenWithoutExpiryIsRefused() throws Exception {
        refused(valid(aliceClaims().expirationTime(null).build()));
    }

    @Test
    void theIssuerMustBeOurs() throws Exception {
        refused(valid(aliceClaims().issuer("https://evil.example/issuer").build()));
        refused(valid(aliceClaims().issuer(null).build()));
    }

    @Test
    void theAudienceMustBeOurs() throws Exception {
        refused(valid(aliceClaims().audience("another-api").build()));
        refused(valid(aliceClaims().audience((String) null).build()));
    }

    @Test
    void aKeyIdThatIsNotOurKeyIsRefused() throws Exception {
        refused(rs256(aliceClaims().build(), h -> h.keyID("../../dev/null"), signingKey));
        refused(rs256(aliceClaims().build(), h -> h.keyID("k".repeat(10 * 1024)), signingKey));
        // The classic: a kid naming an empty file, with an HMAC over an "empty" key.
        SignedJWT hmac = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID("../../dev/null").build(),
                aliceClaims().build());
        hmac.sign(new MACSigner(new byte[32]));
        refused(hmac.serialize());
    }

    @Test
    void keyUrlsInTheHeaderAreNeverFollowed() throws Exception {
        URI jwks = URI.create("http://127.0.0.1:" + keyServer.getAddress().getPort() + "/jwks.json");
        keyServerRequests.set(0);
        refused(rs256(aliceClaims().build(), h -> h.jwkURL(jwks).keyID("attacker"), otherKey.getPrivate()));
        refused(rs256(aliceClaims().build(), h -> h.x509CertURL(jwks), otherKey.getPrivate()));
        // Even with our own valid signature: a header that names a key source is not ours.
        refused(rs256(aliceClaims().build(), h -> h.jwkURL(jwks), signingKey));
        refused(rs256(aliceClaims().build(), h -> h.x509CertURL(jwks), signingKey));
        refused(rs256(aliceClaims().build(), h -> h.jwk(new RSAKey.Builder((RSAPublicKey) otherKey.getPublic()).build()),
                otherKey.getPrivate()));
        assertEquals(0, keyServerRequests.get(), "the service fetched a key from a URL in a token");
    }

    @Test
    void aHugeTokenIsAnErrorButNotAServerError() throws Exception {
        String huge = valid(aliceClaims().claim("padding", "x".repeat(64 * 1024)).build());
        // Sent over a plain socket: the server may answer 431 and close before a 64 KB header is all written,
        // which an HTTP client reports as a broken pipe without reading the answer. What matters to a user:
        // never a 5xx, and the service goes on answering.
        int status = statusOf("GET /api/v1/me HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + huge
                + "\r\nConnection: close\r\n\r\n");
        assertTrue(status == 401 || status == 431 || status == CLOSED_WITHOUT_ANSWER, "status " + status);
        given().auth().oauth2(Tokens.alice()).when().get("/api/v1/me").then().statusCode(200);
        String medium = valid(aliceClaims().claim("padding", "x".repeat(14 * 1024)).build());
        refused(medium);
    }

    /** The answer's status code; {@link #CLOSED_WITHOUT_ANSWER} when the server reset the connection before it could be read. */
    private static final int CLOSED_WITHOUT_ANSWER = -1;

    private static int statusOf(String request) throws java.io.IOException {
        try (java.net.Socket socket = new java.net.Socket("localhost", io.restassured.RestAssured.port)) {
            socket.setSoTimeout(10_000);
            try {
                socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
                socket.getOutputStream().flush();
            } catch (java.net.SocketException answeredEarly) {
                // the server answered (and closed) before reading it all: its answer may still be readable
            }
            try {
                String line = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(),
                        StandardCharsets.US_ASCII)).readLine();
                return line == null ? CLOSED_WITHOUT_ANSWER : Integer.parseInt(line.split(" ")[1]);
            } catch (java.net.SocketException reset) {
                return CLOSED_WITHOUT_ANSWER;
            }
        }
    }

    @Test
    void malformedAuthorizationHeadersAreRefused() {
        refusedHeader("foo");
        refusedHeader("Bearer");
        refusedHeader("Bearer ");
        refusedHeader("Basic x");
        refusedHeader("Basic " + Base64.getEncoder().encodeToString("alice:carechart-demo".getBytes(StandardCharsets.UTF_8)));
        refusedHeader("Bearer not.a.jwt");
        refusedHeader("Bearer %%%.%%%.%%%");
        refusedHeader("Bearer " + b64("{\"alg\":") + ".e30.x");
    }

    @Test
    void aRefreshTokenIsRefusedAfterRevocation() {
        String refresh = SignIn.password("carol", DemoAccounts.PASSWORD).then().statusCode(200)
                .extract().jsonPath().getString("refresh_token");
        SignIn.revoke(refresh).then().statusCode(200);
        SignIn.refresh(refresh).then().statusCode(401)
                .contentType("application/problem+json")
                .body("type", equalTo("https://carechart.org/problems/invalid-grant"));
        // And a refresh token is not an access token.
        refused(refresh);
    }

    /** The kid the service publishes, read the way any client would. */
    private static final class SigningKeyIdProbe {
        String kid() {
            return given().when().get("/.well-known/jwks.json").then().statusCode(200)
                    .extract().jsonPath().getString("keys[0].kid");
        }
    }
}
