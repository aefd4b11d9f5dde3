package org.carechart.oauth;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/** Queries over oauth_client (the JWKS goes in as text: the reactive client would store a String as a JSON string). Lists travel as newline-joined text (no URI or scope contains a newline). */
@ApplicationScoped
public class AppRepository {

    private static final String COLUMNS = """
            c.client_id, c.account_id, a.organization_id, c.name, c.client_type,
            array_to_string(c.redirect_uris, E'\\n') as redirect_uris, array_to_string(c.scopes, E'\\n') as scopes, c.purpose,
            cast(c.jwks as text) as jwks, c.jwks_url, c.created_at, c.disabled_at
              from oauth_client c join account a on a.id = c.account_id
            """;

    Uni<Void> insert(RegisteredApp app, UUID createdBy) {
        return Sql.of("""
                        insert into oauth_client (client_id, account_id, name, client_type, redirect_uris, scopes, purpose,
                                                  jwks, jwks_url, created_at, created_by)
                        values (:clientId, :account, :name, :type, string_to_array(:redirectUris, E'\\n'),
                                string_to_array(:scopes, E'\\n'), :purpose, cast(cast(:jwks as text) as jsonb), :jwksUrl,
                                :createdAt, :createdBy)
                        """)
                .bind("clientId", app.clientId())
                .bind("account", app.accountId())
                .bind("name", app.name())
                .bind("type", app.clientType())
                .bind("redirectUris", String.join("\n", app.redirectUris()))
                .bind("scopes", String.join("\n", app.scopes()))
                .bind("purpose", app.purpose())
                .bind("jwks", app.jwks())
                .bind("jwksUrl", app.jwksUrl())
                .bind("createdAt", OffsetDateTime.ofInstant(app.createdAt(), ZoneOffset.UTC))
                .bind("createdBy", createdBy)
                .execute().replaceWithVoid();
    }

    Uni<Boolean> exists(String clientId) {
        return Sql.of("select count(*) as n from oauth_client where client_id = :clientId").bind("clientId", clientId)
                .first(row -> row.number("n")).map(count -> count.orElse(0L) > 0);
    }

    /** Null when no app has this client id. */
    Uni<RegisteredApp> byClientId(String clientId) {
        return Sql.of("select " + COLUMNS + " where c.client_id = :clientId").bind("clientId", clientId)
                .first(AppRepository::toApp).map(found -> found.orElse(null));
    }

    Uni<List<RegisteredApp>> all() {
        return Sql.of("select " + COLUMNS + " order by c.created_at, c.client_id").list(AppRepository::toApp);
    }

    Uni<Integer> disable(String clientId) {
        return Sql.of("update oauth_client set disabled_at = now() where client_id = :clientId and disabled_at is null")
                .bind("clientId", clientId).execute();
    }

    private static RegisteredApp toApp(SqlRow row) {
        return new RegisteredApp(row.text("client_id"), row.uuid("account_id"), row.uuid("organization_id"), row.text("name"),
                row.text("client_type"), lines(row.text("redirect_uris")), lines(row.text("scopes")), row.text("purpose"),
                row.text("jwks"), row.text("jwks_url"), row.instant("created_at"), row.instant("disabled_at"));
    }

    private static List<String> lines(String text) {
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
