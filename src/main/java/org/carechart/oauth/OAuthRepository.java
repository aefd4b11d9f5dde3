package org.carechart.oauth;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;
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
            id, client_id, csrf_hash, redirect_uri, array_to_string(scopes, ' ') as scopes, state, nonce, code_challenge,
            account_id, expires_at, finished_at from oauth_consent_request""";

    private static final String CODE_COLUMNS = """
            code_hash, client_id, redirect_uri, code_challenge, array_to_string(scopes, ' ') as scopes, account_id, patient_id,
            grant_id, nonce, expires_at, used_at from oauth_code""";

    private static final String REFRESH_COLUMNS = """
            id, family_id, token_hash, client_id, account_id, patient_id, grant_id, array_to_string(scopes, ' ') as scopes,
            issued_at, expires_at, used_at, revoked_at from oauth_refresh_token""";

    // --- consent requests

    Uni<Void> insertConsent(ConsentRequest request) {
        return Sql.of("""
                        insert into oauth_consent_request (id, client_id, csrf_hash, redirect_uri, scopes, state, nonce,
                                                           code_challenge, expires_at)
                        values (:id, :clientId, :csrfHash, :redirectUri, string_to_array(:scopes, ' '), :state, :nonce,
                                :codeChallenge, :expiresAt)""")
                .bind("id", request.id())
                .bind("clientId", request.clientId())
                .bind("csrfHash", request.csrfHash())
                .bind("redirectUri", request.redirectUri())
                .bind("scopes", String.join(" ", request.scopes()))
                .bind("state", request.state())
                .bind("nonce", request.nonce())
                .bind("codeChallenge", request.codeChallenge())
                .bind("expiresAt", utc(request.expiresAt()))
                .execute().replaceWithVoid();
    }

    /** Null when there is none; the row is locked until the transaction ends, so a decision is taken once. */
    Uni<ConsentRequest> consentForUpdate(UUID id) {
        return Sql.of("select " + CONSENT_COLUMNS + " where id = :id for update").bind("id", id)
                .first(OAuthRepository::toConsent).map(found -> found.orElse(null));
    }

    Uni<Void> signedIn(UUID id, UUID accountId) {
        return Sql.of("update oauth_consent_request set account_id = :account where id = :id")
                .bind("id", id).bind("account", accountId).execute().replaceWithVoid();
    }

    Uni<Void> finish(UUID id) {
        return Sql.of("update oauth_consent_request set finished_at = now() where id = :id")
                .bind("id", id).execute().replaceWithVoid();
    }

    // --- codes

    Uni<Void> insertCode(AuthorizationCode code) {
        return Sql.of("""
                        insert into oauth_code (code_hash, client_id, redirect_uri, code_challenge, scopes, account_id,
                                                patient_id, grant_id, nonce, expires_at)
                        values (:codeHash, :clientId, :redirectUri, :codeChallenge, string_to_array(:scopes, ' '), :account,
                                :patient, :grant, :nonce, :expiresAt)""")
                .bind("codeHash", code.codeHash())
                .bind("clientId", code.clientId())
                .bind("redirectUri", code.redirectUri())
                .bind("codeChallenge", code.codeChallenge())
                .bind("scopes", String.join(" ", code.scopes()))
                .bind("account", code.accountId())
                .bind("patient", code.patientId())
                .bind("grant", code.grantId())
                .bind("nonce", code.nonce())
                .bind("expiresAt", utc(code.expiresAt()))
                .execute().replaceWithVoid();
    }

    Uni<AuthorizationCode> code(byte[] hash) {
        return Sql.of("select " + CODE_COLUMNS + " where code_hash = :hash").bind("hash", hash)
                .first(OAuthRepository::toCode).map(found -> found.orElse(null));
    }

    /** 1 when this call used the code, 0 when it was used before: two exchanges cannot both win. */
    Uni<Integer> useCode(byte[] hash) {
        return Sql.of("update oauth_code set used_at = now() where code_hash = :hash and used_at is null")
                .bind("hash", hash).execute();
    }

    // --- refresh tokens

    Uni<Void> insertRefresh(AppRefreshToken token) {
        return Sql.of("""
                        insert into oauth_refresh_token (id, family_id, token_hash, client_id, account_id, patient_id,
                                                         grant_id, scopes, issued_at, expires_at)
                        values (:id, :family, :tokenHash, :clientId, :account, :patient, :grant,
                                string_to_array(:scopes, ' '), :issuedAt, :expiresAt)""")
                .bind("id", token.id())
                .bind("family", token.familyId())
                .bind("tokenHash", token.tokenHash())
                .bind("clientId", token.clientId())
                .bind("account", token.accountId())
                .bind("patient", token.patientId())
                .bind("grant", token.grantId())
                .bind("scopes", String.join(" ", token.scopes()))
                .bind("issuedAt", utc(token.issuedAt()))
                .bind("expiresAt", utc(token.expiresAt()))
                .execute().replaceWithVoid();
    }

    Uni<AppRefreshToken> refresh(byte[] hash) {
        return Sql.of("select " + REFRESH_COLUMNS + " where token_hash = :hash").bind("hash", hash)
                .first(OAuthRepository::toRefresh).map(found -> found.orElse(null));
    }

    Uni<Integer> useRefresh(UUID id) {
        return Sql.of("update oauth_refresh_token set used_at = now() where id = :id and used_at is null and revoked_at is null")
                .bind("id", id).execute();
    }

    Uni<Void> revokeFamily(UUID familyId) {
        return Sql.of("update oauth_refresh_token set revoked_at = now() where family_id = :family and revoked_at is null")
                .bind("family", familyId).execute().replaceWithVoid();
    }

    // --- client assertion ids

    /** 1 when this jti is new for the client, 0 when it was seen before (a replay). */
    Uni<Integer> rememberJti(String clientId, String jti, Instant expiresAt) {
        return Sql.of("""
                        insert into oauth_assertion_jti (client_id, jti, expires_at) values (:clientId, :jti, :expiresAt)
                        on conflict do nothing""")
                .bind("clientId", clientId).bind("jti", jti).bind("expiresAt", utc(expiresAt)).execute();
    }

    /** Seen ids whose assertions have expired can never be accepted again anyway. */
    Uni<Integer> forgetExpiredJtis() {
        return Sql.of("delete from oauth_assertion_jti where expires_at < now() - interval '10 minutes'").execute();
    }

    private static ConsentRequest toConsent(SqlRow row) {
        return new ConsentRequest(row.uuid("id"), row.text("client_id"), row.bytes("csrf_hash"), row.text("redirect_uri"),
                words(row.text("scopes")), row.text("state"), row.text("nonce"), row.text("code_challenge"),
                row.uuid("account_id"), row.instant("expires_at"), row.instant("finished_at"));
    }

    private static AuthorizationCode toCode(SqlRow row) {
        return new AuthorizationCode(row.bytes("code_hash"), row.text("client_id"), row.text("redirect_uri"),
                row.text("code_challenge"), words(row.text("scopes")), row.uuid("account_id"), row.uuid("patient_id"),
                row.uuid("grant_id"), row.text("nonce"), row.instant("expires_at"), row.instant("used_at"));
    }

    private static AppRefreshToken toRefresh(SqlRow row) {
        return new AppRefreshToken(row.uuid("id"), row.uuid("family_id"), row.bytes("token_hash"), row.text("client_id"),
                row.uuid("account_id"), row.uuid("patient_id"), row.uuid("grant_id"), words(row.text("scopes")),
                row.instant("issued_at"), row.instant("expires_at"), row.instant("used_at"), row.instant("revoked_at"));
    }

    private static List<String> words(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split(" "));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
    }
}
