package org.carechart.access;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * Reads, in one round trip, every fact an access decision for one caller and one patient rests on.
 * Links that have already ended are left out here (they can never count again); whether a link is
 * in force now (started, not ended) is decided by {@link AccessPolicy}.
 */
@ApplicationScoped
public class AccessFactsRepository {

    private static final String FACTS = """
            select p.organization_id,
                   p.birth_date,
                   (select coalesce(json_agg(json_build_array(pl.relationship,
                                (extract(epoch from pl.starts_at) * 1000)::bigint,
                                (extract(epoch from pl.ends_at) * 1000)::bigint)), '[]')::text
                      from proxy_link pl
                     where pl.patient_id = p.id and pl.proxy_account_id = :account
                       and (pl.ends_at is null or pl.ends_at > now())),
                   (select coalesce(json_agg(json_build_array(null,
                                (extract(epoch from c.starts_at) * 1000)::bigint,
                                (extract(epoch from c.ends_at) * 1000)::bigint)), '[]')::text
                      from care_team_member c
                     where c.patient_id = p.id and c.provider_id = :account
                       and (c.ends_at is null or c.ends_at > now())),
                   (select coalesce(json_agg(json_build_array(null,
                                (extract(epoch from b.starts_at) * 1000)::bigint,
                                (extract(epoch from b.expires_at) * 1000)::bigint)), '[]')::text
                      from break_glass_session b
                     where b.patient_id = p.id and b.provider_id = :account and b.expires_at > now()),
                   (select coalesce(json_agg(json_build_array(array_to_string(g.categories, ','),
                                (extract(epoch from g.expires_at) * 1000)::bigint, g.hide_sensitive, g.id)), '[]')::text
                      from access_grant g
                     where g.patient_id = p.id and g.revoked_at is null
                       and (g.expires_at is null or g.expires_at > now())
                       and (g.grantee_id = :account or g.grantee_id = :organization))
              from patient p
             where p.id = :patient
            """;

    @Inject
    ObjectMapper json;

    /** Null when the patient does not exist. */
    public Uni<AccessFacts> facts(UUID accountId, UUID organizationId, UUID patientId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(FACTS, Object[].class)
                .setParameter("account", accountId)
                .setParameter("organization", organizationId == null ? new UUID(0, 0) : organizationId)
                .setParameter("patient", patientId)
                .getResultList()
                .map(rows -> rows.isEmpty() ? null : toFacts(patientId, rows.get(0))));
    }

    private AccessFacts toFacts(UUID patientId, Object[] row) {
        return new AccessFacts(patientId, (UUID) row[0], toDate(row[1]),
                list((String) row[2], node -> new AccessFacts.ProxyFact(node.get(0).asText(), span(node))),
                list((String) row[3], AccessFactsRepository::span),
                list((String) row[4], AccessFactsRepository::span),
                list((String) row[5], node -> new AccessFacts.GrantFact(categories(node.get(0).asText()), instant(node.get(1)),
                        node.get(2).asBoolean(), UUID.fromString(node.get(3).asText()))));
    }

    private <T> List<T> list(String jsonArray, Function<JsonNode, T> element) {
        try {
            List<T> items = new ArrayList<>();
            for (JsonNode node : json.readTree(jsonArray == null ? "[]" : jsonArray)) {
                items.add(element.apply(node));
            }
            return items;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("access facts are not the JSON this query writes", e);
        }
    }

    private static AccessFacts.Span span(JsonNode node) {
        return new AccessFacts.Span(instant(node.get(1)), instant(node.get(2)));
    }

    private static Instant instant(JsonNode millis) {
        return millis == null || millis.isNull() ? null : Instant.ofEpochMilli(millis.asLong());
    }

    private static LocalDate toDate(Object value) {
        if (value instanceof LocalDate date) {
            return date;
        }
        return LocalDate.parse(value.toString());
    }

    private static Set<DataCategory> categories(String joined) {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        if (joined != null && !joined.isEmpty()) {
            for (String code : joined.split(",")) {
                DataCategory.fromCode(code).ifPresent(categories::add);
            }
        }
        return categories;
    }
}
