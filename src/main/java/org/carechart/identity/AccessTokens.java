package org.carechart.identity;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;

import java.time.Instant;
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

    public long lifetimeSeconds() {
        return config.accessTokenTtl().toSeconds();
    }
}
