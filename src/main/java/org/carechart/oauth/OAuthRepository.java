package org.carechart.oauth;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Rows;
import org.carechart.oauth.OAuthRecords.AppRefreshToken;
import org.carechart.oauth.OAuthRecords.AuthorizationCode;
import org.carechart.oauth.OAuthRecords.ConsentRequest;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Queries over the consent requests, codes, refresh tokens and seen assertion ids of the authorization server. */
@ApplicationScoped
public class OAuthRepository {

    private static final String CONSENT_COLUMNS = """
            id, client_id, csrf_hash, redirect_uri, array_to_string(scopes, ' '), state, nonce, code_challenge,
            account_id, expires_at, finished_at from oauth_consent_request""";

    private static final String CODE_COLUMNS = """
            code_hash, client_id, redirect_uri, code_challenge, array_to_string(scopes, ' '), account_id, patient_id,
            grant_id, nonce, expires_at, used_at from oauth_code""";

    private static final String REFRESH_COLUMNS = """
            id, family_id, token_hash, client_id, account_id, patient_id, grant_id, array_to_string(scopes, ' '),
            issued_at, expires_at, used_at, revoked_at from oauth_refresh_token""";

    // --- consent requests

    Uni<Void> insertConsent(ConsentRequest request) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into oauth_consent_request (id, client_id, csrf_hash, redirect_uri, scopes, state, nonce,
                                                           code_challenge, expires_at)
                        values (?1, ?2, ?3, ?4, string_to_array(?5, ' '), ?6, ?7, ?8, ?9)""")
                .setParameter(1, request.id())
                .setParameter(2, request.clientId())
                .setParameter(3, request.csrfHash())
                .setParameter(4, request.redirectUri())
                .setParameter(5, String.join(" ", request.scopes()))
                .setParameter(6, request.state())
                .setParameter(7, request.nonce())
                .setParameter(8, request.codeChallenge())
                .setParameter(9, utc(request.expiresAt()))
                .executeUpdate()).replaceWithVoid();
    }

    /** Null when there is none; the row is locked until the transaction ends, so a decision is taken once. */
    Uni<ConsentRequest> consentForUpdate(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select " + CONSENT_COLUMNS + " where id = ?1 for update", Object[].class)
                .setParameter(1, id).getResultList())
                .map(rows -> rows.isEmpty() ? null : toConsent(rows.get(0)));
    }

    Uni<Void> signedIn(UUID id, UUID accountId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update oauth_consent_request set account_id = ?2 where id = ?1")
                .setParameter(1, id).setParameter(2, accountId).executeUpdate()).replaceWithVoid();
    }

    Uni<Void> finish(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update oauth_consent_request set finished_at = now() where id = ?1")
                .setParameter(1, id).executeUpdate()).replaceWithVoid();
    }

    // --- codes

    Uni<Void> insertCode(AuthorizationCode code) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into oauth_code (code_hash, client_id, redirect_uri, code_challenge, scopes, account_id,
                                                patient_id, grant_id, nonce, expires_at)
                        values (?1, ?2, ?3, ?4, string_to_array(?5, ' '), ?6, ?7, ?8, ?9, ?10)""")
                .setParameter(1, code.codeHash())
                .setParameter(2, code.clientId())
                .setParameter(3, code.redirectUri())
                .setParameter(4, code.codeChallenge())
                .setParameter(5, String.join(" ", code.scopes()))
                .setParameter(6, code.accountId())
                .setParameter(7, code.patientId())
                .setParameter(8, code.grantId())
                .setParameter(9, code.nonce())
                .setParameter(10, utc(code.expiresAt()))
                .executeUpdate()).replaceWithVoid();
    }

    Uni<AuthorizationCode> code(byte[] hash) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select " + CODE_COLUMNS + " where code_hash = ?1", Object[].class)
                .setParameter(1, hash).getResultList())
                .map(rows -> rows.isEmpty() ? null : toCode(rows.get(0)));
    }

    /** 1 when this call used the code, 0 when it was used before: two exchanges cannot both win. */
    Uni<Integer> useCode(byte[] hash) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update oauth_code set used_at = now() where code_hash = ?1 and used_at is null")
                .setParameter(1, hash).executeUpdate());
    }

    // --- refresh tokens

    Uni<Void> insertRefresh(AppRefreshToken token) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into oauth_refresh_token (id, family_id, token_hash, client_id, account_id, patient_id,
                                                         grant_id, scopes, issued_at, expires_at)
                        values (?1, ?2, ?3, ?4, ?5, ?6, ?7, string_to_array(?8, ' '), ?9, ?10)""")
                .setParameter(1, token.id())
                .setParameter(2, token.familyId())
                .setParameter(3, token.tokenHash())
                .setParameter(4, token.clientId())
                .setParameter(5, token.accountId())
                .setParameter(6, token.patientId())
                .setParameter(7, token.grantId())
                .setParameter(8, String.join(" ", token.scopes()))
                .setParameter(9, utc(token.issuedAt()))
                .setParameter(10, utc(token.expiresAt()))
                .executeUpdate()).replaceWithVoid();
    }

    Uni<AppRefreshToken> refresh(byte[] hash) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select " + REFRESH_COLUMNS + " where token_hash = ?1", Object[].class)
                .setParameter(1, hash).getResultList())
                .map(rows -> rows.isEmpty() ? null : toRefresh(rows.get(0)));
    }

    Uni<Integer> useRefresh(UUID id) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update oauth_refresh_token set used_at = now() where id = ?1 and used_at is null and revoked_at is null")
                .setParameter(1, id).executeUpdate());
    }

    Uni<Void> revokeFamily(UUID familyId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update oauth_refresh_token set revoked_at = now() where family_id = ?1 and revoked_at is null")
                .setParameter(1, familyId).executeUpdate()).replaceWithVoid();
    }

    // --- client assertion ids

    /** 1 when this jti is new for the client, 0 when it was seen before (a replay). */
    Uni<Integer> rememberJti(String clientId, String jti, Instant expiresAt) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into oauth_assertion_jti (client_id, jti, expires_at) values (?1, ?2, ?3)
                        on conflict do nothing""")
                .setParameter(1, clientId).setParameter(2, jti).setParameter(3, utc(expiresAt)).executeUpdate());
    }

    /** Seen ids whose assertions have expired can never be accepted again anyway. */
    Uni<Integer> forgetExpiredJtis() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                "delete from oauth_assertion_jti where expires_at < now() - interval '10 minutes'").executeUpdate());
    }

    private static ConsentRequest toConsent(Object[] row) {
        return new ConsentRequest(Rows.uuid(row[0]), Rows.text(row[1]), (byte[]) row[2], Rows.text(row[3]), words(row[4]),
                Rows.text(row[5]), Rows.text(row[6]), Rows.text(row[7]), Rows.uuid(row[8]), Rows.instant(row[9]),
                Rows.instant(row[10]));
    }

    private static AuthorizationCode toCode(Object[] row) {
        return new AuthorizationCode((byte[]) row[0], Rows.text(row[1]), Rows.text(row[2]), Rows.text(row[3]), words(row[4]),
                Rows.uuid(row[5]), Rows.uuid(row[6]), Rows.uuid(row[7]), Rows.text(row[8]), Rows.instant(row[9]),
                Rows.instant(row[10]));
    }

    private static AppRefreshToken toRefresh(Object[] row) {
        return new AppRefreshToken(Rows.uuid(row[0]), Rows.uuid(row[1]), (byte[]) row[2], Rows.text(row[3]), Rows.uuid(row[4]),
                Rows.uuid(row[5]), Rows.uuid(row[6]), words(row[7]), Rows.instant(row[8]), Rows.instant(row[9]),
                Rows.instant(row[10]), Rows.instant(row[11]));
    }

    private static List<String> words(Object value) {
        String text = Rows.text(value);
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
