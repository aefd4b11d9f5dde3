package org.carechart.oauth;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.common.Rows;

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
            array_to_string(c.redirect_uris, E'\\n'), array_to_string(c.scopes, E'\\n'), c.purpose,
            c.jwks::text, c.jwks_url, c.created_at, c.disabled_at
              from oauth_client c join account a on a.id = c.account_id
            """;

    Uni<Void> insert(RegisteredApp app, UUID createdBy) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into oauth_client (client_id, account_id, name, client_type, redirect_uris, scopes, purpose,
                                                  jwks, jwks_url, created_at, created_by)
                        values (?1, ?2, ?3, ?4, string_to_array(?5, E'\\n'), string_to_array(?6, E'\\n'), ?7,
                                cast(cast(?8 as text) as jsonb), ?9, ?10, ?11)
                        """)
                .setParameter(1, app.clientId())
                .setParameter(2, app.accountId())
                .setParameter(3, app.name())
                .setParameter(4, app.clientType())
                .setParameter(5, String.join("\n", app.redirectUris()))
                .setParameter(6, String.join("\n", app.scopes()))
                .setParameter(7, app.purpose())
                .setParameter(8, app.jwks())
                .setParameter(9, app.jwksUrl())
                .setParameter(10, OffsetDateTime.ofInstant(app.createdAt(), ZoneOffset.UTC))
                .setParameter(11, createdBy)
                .executeUpdate()).replaceWithVoid();
    }

    Uni<Boolean> exists(String clientId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select count(*) from oauth_client where client_id = ?1", Long.class)
                .setParameter(1, clientId).getSingleResult()).map(count -> count > 0);
    }

    /** Null when no app has this client id. */
    Uni<RegisteredApp> byClientId(String clientId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select " + COLUMNS + " where c.client_id = ?1", Object[].class)
                .setParameter(1, clientId).getResultList())
                .map(rows -> rows.isEmpty() ? null : toApp(rows.get(0)));
    }

    Uni<List<RegisteredApp>> all() {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select " + COLUMNS + " order by c.created_at, c.client_id", Object[].class).getResultList())
                .map(rows -> rows.stream().map(AppRepository::toApp).toList());
    }

    Uni<Integer> disable(String clientId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "update oauth_client set disabled_at = now() where client_id = ?1 and disabled_at is null")
                .setParameter(1, clientId).executeUpdate());
    }

    private static RegisteredApp toApp(Object[] row) {
        return new RegisteredApp(Rows.text(row[0]), Rows.uuid(row[1]), Rows.uuid(row[2]), Rows.text(row[3]),
                Rows.text(row[4]), lines(row[5]), lines(row[6]), Rows.text(row[7]), Rows.text(row[8]), Rows.text(row[9]),
                Rows.instant(row[10]), Rows.instant(row[11]));
    }

    private static List<String> lines(Object value) {
        String text = Rows.text(value);
        return text == null || text.isEmpty() ? List.of() : Arrays.asList(text.split("\n"));
    }
}
