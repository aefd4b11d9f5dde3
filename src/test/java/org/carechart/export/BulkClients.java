package org.carechart.export;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.restassured.http.ContentType;
import org.carechart.embedded.DemoAccounts;
import org.carechart.support.Db;
import org.carechart.support.Tokens;

import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;

/**
 * A SMART Backend Services client as a registry or payer runs one: registered by the admin over
 * the API with its public key, signing a private_key_jwt assertion for each system token.
 */
final class BulkClients {

    static final String TOKEN_URL = "https://carechart.test/oauth2/token";

    final String clientId;
    final UUID account;
    private final RSAKey key;

    private BulkClients(String clientId, UUID account, RSAKey key) {
        this.clientId = clientId;
        this.account = account;
        this.key = key;
    }

    /** Registers a confidential client of {@code organization} allowed {@code system/*.rs}. */
    static BulkClients register(UUID organization) {
        RSAKey key;
        try {
            key = new RSAKeyGenerator(2048).keyID("rsa-" + UUID.randomUUID()).algorithm(JWSAlgorithm.RS384).generate();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        String clientId = "reg-" + UUID.randomUUID().toString().substring(0, 13);
        Map<String, Object> body = new HashMap<>(Map.of("clientId", clientId, "name", "Registry " + clientId.substring(4, 8),
                "clientType", "confidential", "organizationId", organization.toString(), "redirectUris", List.of(),
                "scopes", List.of("system/*.rs"), "purpose", "payment",
                "jwks", Map.of("keys", List.of(key.toPublicJWK().toJSONObject()))));
        given().auth().oauth2(Tokens.admin(DemoAccounts.ADMIN)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/apps").then().statusCode(201);
        UUID account = UUID.fromString(Db.rows("select account_id from oauth_client where client_id = ?", clientId).get(0).get(0));
        return new BulkClients(clientId, account, key);
    }

    /** A fresh system token (client_credentials with a signed assertion). */
    String token() {
        try {
            JWTClaimsSet claims = new JWTClaimsSet.Builder().issuer(clientId).subject(clientId).audience(TOKEN_URL)
                    .expirationTime(Date.from(Instant.now().plusSeconds(240))).jwtID(UUID.randomUUID().toString())
                    .issueTime(new Date()).build();
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS384).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return given().contentType("application/x-www-form-urlencoded")
                    .formParam("grant_type", "client_credentials").formParam("scope", "system/*.rs")
                    .formParam("client_assertion_type", "urn:ietf:params:oauth:client-assertion-type:jwt-bearer")
                    .formParam("client_assertion", jwt.serialize())
                    .when().post("/oauth2/token").then().statusCode(200).extract().path("access_token");
        } catch (com.nimbusds.jose.JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
