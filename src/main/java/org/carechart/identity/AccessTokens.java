package org.carechart.identity;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Signs the embedded issuer's access tokens: the claims {@link CurrentCaller} reads, and nothing else. */
@ApplicationScoped
public class AccessTokens {

    @Inject
    IdentityConfig config;

    @Inject
    SigningKey signingKey;

    public String sign(Account account, Instant now) {
        if (!signingKey.available()) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "This service does not issue tokens; use your identity provider.");
        }
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .audience(config.audience())
                .subject(account.id.toString())
                .groups(account.roleSet().stream().map(Role::claim).collect(Collectors.toSet()))
                .claim(CurrentCaller.NAME_CLAIM, account.displayName)
                .issuedAt(now)
                .claim(AccountStatus.ISSUED_AT_MS_CLAIM, now.toEpochMilli())
                .expiresAt(now.plus(config.accessTokenTtl()))
                .claim("jti", UUID.randomUUID().toString());
        if (account.patientId != null) {
            claims.claim(CurrentCaller.PATIENT_CLAIM, account.patientId.toString());
        }
        if (account.organizationId != null) {
            claims.claim(CurrentCaller.ORGANIZATION_CLAIM, account.organizationId.toString());
        }
        return claims.jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(signingKey.keyId().orElseThrow())
                .sign(signingKey.privateKey());
    }

    /**
     * What a token the OAuth authorization server issues to a registered app says. {@code subject} is
     * the app's own account for patient-approved and system tokens (the grantee of the patient's grant),
     * or the signed-in provider for user tokens; {@code audiences} always include this API's audience.
     */
    public record AppTokenClaims(UUID subject, String name, Set<Role> roles, UUID organizationId, String clientId,
                                 String scope, UUID launchPatient, UUID grantId, List<String> audiences) {
    }

    public String signForApp(AppTokenClaims app, Instant now, Duration lifetime) {
        java.util.Set<String> audiences = new java.util.LinkedHashSet<>();
        audiences.add(config.audience());
        audiences.addAll(app.audiences());
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .audience(audiences)
                .subject(app.subject().toString())
                .groups(app.roles().stream().map(Role::claim).collect(Collectors.toSet()))
                .claim(CurrentCaller.NAME_CLAIM, app.name())
                .claim(CurrentCaller.SCOPE_CLAIM, app.scope())
                .claim(CurrentCaller.CLIENT_ID_CLAIM, app.clientId())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime))
                .claim("jti", UUID.randomUUID().toString());
        if (app.organizationId() != null) {
            claims.claim(CurrentCaller.ORGANIZATION_CLAIM, app.organizationId().toString());
        }
        if (app.launchPatient() != null) {
            claims.claim(CurrentCaller.LAUNCH_PATIENT_CLAIM, app.launchPatient().toString());
        }
        if (app.grantId() != null) {
            claims.claim(CurrentCaller.GRANT_CLAIM, app.grantId().toString());
        }
        return signed(claims);
    }

    /** An OpenID Connect id token (RS256): who signed in, for the app ({@code aud} = its client id). */
    public String signIdToken(UUID user, String clientId, String fhirUser, String nonce, Instant now, Duration lifetime) {
        JwtClaimsBuilder claims = Jwt.issuer(config.issuer())
                .audience(clientId)
                .subject(user.toString())
                .issuedAt(now)
                .expiresAt(now.plus(lifetime));
        if (fhirUser != null) {
            claims.claim("fhirUser", fhirUser);
        }
        if (nonce != null) {
            claims.claim("nonce", nonce);
        }
        return signed(claims);
    }

    private String signed(JwtClaimsBuilder claims) {
        if (!signingKey.available()) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "This service does not issue tokens; use your identity provider.");
        }
        return claims.jws()
                .algorithm(SignatureAlgorithm.RS256)
                .keyId(signingKey.keyId().orElseThrow())
                .sign(signingKey.privateKey());
    }

    public String issuer() {
        return config.issuer();
    }

    public long lifetimeSeconds() {
        return config.accessTokenTtl().toSeconds();
    }
}
