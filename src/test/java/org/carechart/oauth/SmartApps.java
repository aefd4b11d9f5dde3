package org.carechart.oauth;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/** Test helpers for the authorization server: apps registered through the admin API, PKCE, client assertions. */
final class SmartApps {

    static final String FHIR_BASE = "https://carechart.test/fhir/r4";
    static final String TOKEN_URL = "https://carechart.test/oauth2/token";
    static final String PASSWORD = "correct horse battery";

    private static final SecureRandom RANDOM = new SecureRandom();

    private SmartApps() {
    }

    /** A public patient app, registered by the demo admin over the API. */
    static String registerPublic(UUID organization, String redirectUri, String... scopes) {
        String clientId = "app-" + UUID.randomUUID().toString().substring(0, 13);
        register(Map.of("clientId", clientId, "name", "Diary " + clientId.substring(4, 8), "clientType", "public",
                "organizationId", organization.toString(), "redirectUris", List.of(redirectUri), "scopes", List.of(scopes),
                "purpose", "personal-use")).then().statusCode(201);
        return clientId;
    }

    /** A confidential app with the given public keys. */
    static String registerConfidential(UUID organization, List<JWK> keys, List<String> redirectUris, String... scopes) {
        String clientId = "sys-" + UUID.randomUUID().toString().substring(0, 13);
        Map<String, Object> body = new HashMap<>(Map.of("clientId", clientId, "name", "Registry " + clientId.substring(4, 8),
                "clientType", "confidential", "organizationId", organization.toString(), "redirectUris", redirectUris,
                "scopes", List.of(scopes), "purpose", "payment",
                "jwks", Map.of("keys", keys.stream().map(k -> k.toPublicJWK().toJSONObject()).toList())));
        register(body).then().statusCode(201);
        return clientId;
    }

    static Response register(Map<String, ?> body) {
        return given().auth().oauth2(Tokens.admin(DemoAccounts.ADMIN)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/apps");
    }

    static UUID appAccount(String clientId) {
        return UUID.fromString(Db.rows("select account_id from oauth_client where client_id = ?", clientId).get(0).get(0));
    }

    /** Gives a fixture account a real password, so a person can sign in on the consent page. */
    static String withPassword(UUID account) {
        Db.update("update account set password_hash = ? where id = ?", BcryptUtil.bcryptHash(PASSWORD), account);
        return Db.rows("select username from account where id = ?", account).get(0).get(0);
    }

    static RSAKey rsaKey() {
        try {
            return new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).algorithm(JWSAlgorithm.RS384).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static ECKey ecKey() {
        try {
            return new ECKeyGenerator(Curve.P_384).keyID("ec-" + UUID.randomUUID()).algorithm(JWSAlgorithm.ES384).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A Backend Services client assertion; pass the claims to vary. */
    static String assertion(JWK key, String clientId, String audience, Instant expires, String jti) {
        return assertion(key, key.getKeyID(), clientId, audience, expires, jti);
    }

    static String assertion(JWK key, String kid, String clientId, String audience, Instant expires, String jti) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(audience)
                    .expirationTime(Date.from(expires)).jwtID(jti).issueTime(new Date()).build();
            JWSAlgorithm alg = key instanceof ECKey ? JWSAlgorithm.ES384 : JWSAlgorithm.RS384;
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(alg).keyID(kid).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(key instanceof ECKey ec ? new ECDSASigner(ec) : new RSASSASigner((RSAKey) key));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static String hs256Assertion(String clientId, String kid) {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(TOKEN_URL)
                    .expirationTime(Date.from(Instant.now().plusSeconds(60))).jwtID(UUID.randomUUID().toString()).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(kid).build(), claims);
            byte[] secret = new byte[32];
            RANDOM.nextBytes(secret);
            jwt.sign(new MACSigner(secret));
            return jwt.serialize();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static Response clientCredentials(String assertion, String scope) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "client_credentials")
                .formParam("scope", scope)
                .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                .formParam("client_assertion", assertion)
                .when().post("/oauth2/token");
    }

    static String verifier() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    static String challenge(String verifier) {
        try {
            return Base64.getUrlEncoder().withoutPadding().encodeToString(
                    MessageDigest.getInstance("SHA-256").digest(verifier.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The parameters of a URL's query, decoded. */
    static Map<String, String> query(String url) {
        Map<String, String> params = new LinkedHashMap<>();
        String query = URI.create(url).getRawQuery();
        if (query == null) {
            return params;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            params.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
                    URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return params;
    }

    static Response exchange(String clientId, String code, String redirectUri, String verifier) {
        var request = given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "authorization_code")
                .formParam("code", code)
                .formParam("redirect_uri", redirectUri)
                .formParam("client_id", clientId);
        if (verifier != null) {
            request.formParam("code_verifier", verifier);
        }
        return request.when().post("/oauth2/token");
    }

    static Response refresh(String clientId, String refreshToken) {
        return given().contentType("application/x-www-form-urlencoded")
                .formParam("grant_type", "refresh_token")
                .formParam("refresh_token", refreshToken)
                .formParam("client_id", clientId)
                .when().post("/oauth2/token");
    }
}
