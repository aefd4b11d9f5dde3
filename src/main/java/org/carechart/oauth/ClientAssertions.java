package org.carechart.oauth;

import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.core.Vertx;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.mutiny.ext.web.client.WebClient;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * SMART Backend Services client authentication ({@code private_key_jwt}, RFC 7523): an RS384 or
 * ES384 JWT signed with a key the app registered (a JWKS value, or a JWKS URL fetched and cached),
 * {@code iss} = {@code sub} = client id, {@code aud} = our token URL, {@code exp} at most 5 minutes
 * ahead, a {@code jti} never seen before. Every failure is the same {@code invalid_client}; the
 * description says what was wrong, for the developer, never echoing the assertion.
 */
@ApplicationScoped
public class ClientAssertions {

    static final String JWT_BEARER = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
    private static final int MAX_ASSERTION_LENGTH = 8192;

    @Inject
    OAuthConfig config;

    @Inject
    OAuthRepository store;

    @Inject
    Vertx vertx;

    private final Map<String, CachedKeys> fetched = new ConcurrentHashMap<>();
    private volatile WebClient client;

    private record CachedKeys(String jwks, Instant until) {
    }

    /** The verified claims; fails with invalid_client. Must run inside a transaction (the jti is remembered in it). */
    Uni<JwtClaims> verify(RegisteredApp app, String assertionType, String assertion) {
        if (!JWT_BEARER.equals(assertionType)) {
            return fail("client_assertion_type must be " + JWT_BEARER);
        }
        if (assertion == null || assertion.isEmpty() || assertion.length() > MAX_ASSERTION_LENGTH) {
            return fail("client_assertion is missing or too long");
        }
        if (!app.confidential()) {
            return fail("this client is not registered for private_key_jwt");
        }
        JsonWebSignature header;
        try {
            header = (JsonWebSignature) JsonWebSignature.fromCompactSerialization(assertion);
        } catch (Exception e) {
            return fail("client_assertion is not a signed JWT");
        }
        String alg = header.getAlgorithmHeaderValue();
        if (!AlgorithmIdentifiers.RSA_USING_SHA384.equals(alg) && !AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384.equals(alg)) {
            return fail("client_assertion must be signed with RS384 or ES384");
        }
        if (header.getHeader("jku") != null || header.getHeader("x5u") != null || header.getHeader("jwk") != null
                || header.getHeader("x5c") != null) {
            return fail("keys come from the registration, never from the assertion");
        }
        String kid = header.getKeyIdHeaderValue();
        if (kid == null || kid.length() > 200) {
            return fail("client_assertion needs a kid");
        }
        return keys(app, false).chain(keys -> {
            JsonWebKey key = find(keys, kid, alg);
            if (key == null && app.jwksUrl() != null) {
                return keys(app, true).map(fresh -> find(fresh, kid, alg));
            }
            return Uni.createFrom().item(key);
        }).chain(key -> {
            if (key == null) {
                return fail("no registered key has this kid");
            }
            JwtClaims claims;
            try {
                JwtConsumer consumer = new JwtConsumerBuilder()
                        .setJwsAlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT, alg)
                        .setVerificationKey(key.getKey())
                        .setExpectedIssuer(app.clientId())
                        .setExpectedSubject(app.clientId())
                        .setExpectedAudience(config.tokenUrl())
                        .setRequireExpirationTime()
                        .setRequireJwtId()
                        .setAllowedClockSkewInSeconds(30)
                        .setMaxFutureValidityInMinutes((int) Math.max(1, config.maxAssertionLifetime().toMinutes()))
                        .build();
                claims = consumer.processToClaims(assertion);
            } catch (Exception e) {
                return fail("client_assertion was refused: wrong signature, iss, sub or aud, expired, or valid too long");
            }
            String jti;
            Instant expiresAt;
            try {
                jti = claims.getJwtId();
                expiresAt = Instant.ofEpochSecond(claims.getExpirationTime().getValue());
            } catch (Exception e) {
                return fail("client_assertion has a malformed jti or exp");
            }
            if (jti.length() > 200) {
                return fail("jti is too long");
            }
            return store.rememberJti(app.clientId(), jti, expiresAt).chain(fresh -> fresh == 1
                    ? Uni.createFrom().item(claims)
                    : fail("this jti was used before"));
        });
    }

    private static JsonWebKey find(JsonWebKeySet keys, String kid, String alg) {
        if (keys == null) {
            return null;
        }
        String kty = alg.startsWith("RS") ? "RSA" : "EC";
        for (JsonWebKey key : keys.getJsonWebKeys()) {
            if (kid.equals(key.getKeyId()) && kty.equals(key.getKeyType())
                    && (key.getAlgorithm() == null || alg.equals(key.getAlgorithm()))) {
                return key;
            }
        }
        return null;
    }

    private Uni<JsonWebKeySet> keys(RegisteredApp app, boolean refetch) {
        if (app.jwks() != null) {
            return Uni.createFrom().item(parse(app.jwks()));
        }
        if (app.jwksUrl() == null) {
            return Uni.createFrom().nullItem();
        }
        CachedKeys cached = fetched.get(app.jwksUrl());
        if (!refetch && cached != null && cached.until().isAfter(Instant.now())) {
            return Uni.createFrom().item(parse(cached.jwks()));
        }
        return webClient().getAbs(app.jwksUrl()).timeout(3000).send()
                .map(response -> {
                    if (response.statusCode() != 200 || response.body() == null || response.body().length() > 65536) {
                        return null;
                    }
                    String body = response.bodyAsString();
                    fetched.put(app.jwksUrl(), new CachedKeys(body, Instant.now().plus(config.jwksCacheTtl())));
                    return parse(body);
                })
                .onFailure().recoverWithNull();
    }

    private static JsonWebKeySet parse(String jwks) {
        try {
            return new JsonWebKeySet(jwks);
        } catch (Exception e) {
            return null;
        }
    }

    private WebClient webClient() {
        if (client == null) {
            synchronized (this) {
                if (client == null) {
                    client = WebClient.create(vertx,
                            new WebClientOptions().setFollowRedirects(false).setConnectTimeout(3000));
                }
            }
        }
        return client;
    }

    @PreDestroy
    void close() {
        if (client != null) {
            client.close();
        }
    }

    private static <T> Uni<T> fail(String description) {
        return Uni.createFrom().failure(OAuthException.invalidClient(description));
    }

    static List<String> algorithms() {
        return List.of(AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384);
    }
}
