package org.carechart.chart;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.ProblemException;
import org.carechart.common.ProblemType;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * Opaque change-feed tokens: the patient, the last change sequence the client has and when the
 * token was issued, signed with HMAC-SHA256 so a client cannot forge a position or reuse one for
 * another chart. The secret comes from configuration, so every instance accepts every other's tokens.
 */
@ApplicationScoped
public class ChangeTokens {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    static final String RESYNC = "The change token is not valid (forged, malformed, for another chart or expired): "
            + "resync from scratch by calling this endpoint without 'since'.";

    @Inject
    ChartConfig config;

    Clock clock = Clock.systemUTC();

    public String issue(UUID patientId, long seq) {
        String payload = "1|" + patientId + "|" + seq + "|" + Instant.now(clock).getEpochSecond();
        byte[] bytes = payload.getBytes(StandardCharsets.UTF_8);
        return ENCODER.encodeToString(bytes) + "." + ENCODER.encodeToString(sign(bytes));
    }

    /** The change sequence a token stands for; a 400 that says to resync when it is not one we issued. */
    public long verify(UUID patientId, String token) {
        try {
            int dot = token.indexOf('.');
            if (dot < 0) throw invalid();
            byte[] payload = Base64.getUrlDecoder().decode(token.substring(0, dot));
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(dot + 1));
            if (!MessageDigest.isEqual(sign(payload), signature)) throw invalid();
            String[] parts = new String(payload, StandardCharsets.UTF_8).split("\\|");
            if (parts.length != 4 || !"1".equals(parts[0]) || !UUID.fromString(parts[1]).equals(patientId)) throw invalid();
            Instant issued = Instant.ofEpochSecond(Long.parseLong(parts[3]));
            if (issued.plus(config.changeTokenMaxAge()).isBefore(Instant.now(clock))) throw invalid();
            return Long.parseLong(parts[2]);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return new ProblemException(ProblemType.BAD_REQUEST, RESYNC,
                java.util.List.of(new org.carechart.common.Problem.FieldError("since", "resync from scratch")));
    }

    private byte[] sign(byte[] payload) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(config.changeTokenSecret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(payload);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
