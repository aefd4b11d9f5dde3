package org.carechart.notification;

import io.quarkus.websockets.next.HttpUpgradeCheck;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.jwt.JsonWebToken;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Authenticates a notification socket before the upgrade: by the usual bearer token in the
 * Authorization header (verified like every API call: signature, issuer, audience, expiry), or,
 * for browsers, by a one-time {@code ?ticket=}. Anything else is refused with 401 and no socket.
 */
@ApplicationScoped
public class SocketUpgradeCheck implements HttpUpgradeCheck {

    private static final Map<String, List<String>> CHALLENGE = Map.of("WWW-Authenticate", List.of("Bearer realm=\"carechart\""));

    @Inject
    JWTParser parser;

    @Inject
    LiveInboxReads inbox;

    /** The same per-request account check every API call passes: a disabled or signed-out account opens no socket. */
    @Inject
    org.carechart.identity.AccountStatus accountStatus;

    private record Verified(StreamPrincipal principal, Instant issuedAt) {
    }

    @Override
    public boolean appliesTo(String endpointId) {
        return NotificationSocket.ENDPOINT_ID.equals(endpointId);
    }

    @Override
    public Uni<CheckResult> perform(HttpUpgradeContext context) {
        String ticket = context.httpRequest().getParam("ticket");
        if (ticket != null) {
            return inbox.redeemTicket(ticket).map(principal -> permitAs(context, principal))
                    .onFailure().recoverWithItem(() -> CheckResult.rejectUpgradeSync(503));
        }
        String authorization = context.httpRequest().getHeader("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return CheckResult.rejectUpgrade(401, CHALLENGE);
        }
        String token = authorization.substring(7).trim();
        return Uni.createFrom().item(() -> verify(token))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .chain(verified -> verified == null ? Uni.createFrom().<StreamPrincipal>nullItem()
                        : accountStatus.admits(verified.principal().accountId(), verified.issuedAt())
                        .map(admitted -> admitted ? verified.principal() : null))
                .map(principal -> permitAs(context, principal));
    }

    private Verified verify(String token) {
        try {
            JsonWebToken jwt = parser.parse(token);
            Object patient = jwt.getClaim("patient_id");
            UUID ownPatient = null;
            if (patient != null) {
                String text = patient instanceof jakarta.json.JsonString s ? s.getString() : patient.toString();
                ownPatient = UUID.fromString(text);
            }
            return new Verified(new StreamPrincipal(UUID.fromString(jwt.getSubject()), ownPatient,
                    Instant.ofEpochSecond(jwt.getExpirationTime())), org.carechart.identity.AccountStatus.issuedAt(jwt));
        } catch (Exception e) {
            // An invalid, expired or foreign token: no details to the caller or the log.
            return null;
        }
    }

    private static CheckResult permitAs(HttpUpgradeContext context, StreamPrincipal principal) {
        if (principal == null) {
            return CheckResult.rejectUpgradeSync(401, CHALLENGE);
        }
        context.userData().put(NotificationSocket.PRINCIPAL, principal);
        return CheckResult.permitUpgradeSync();
    }
}
