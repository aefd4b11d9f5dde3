package org.carechart.sharing;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.access.DataCategory;
import org.carechart.common.Rows;
import org.carechart.identity.Caller;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Collection;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/** Queries over share_link and share_link_use, and the demographics a shared view starts with. */
@ApplicationScoped
public class ShareLinkRepository {

    private static final String SELECT = """
            select l.id, l.patient_id, l.label, array_to_string(l.categories, ','), array_to_string(l.entry_ids, ','),
                   l.passcode_hash, l.hide_sensitive, l.max_uses, l.use_count, l.failed_passcodes, l.locked_at, l.expires_at,
                   l.created_at, l.created_by, l.revoked_at,
                   (select max(u.used_at) from share_link_use u where u.link_id = l.id),
                   l.proxy_link_id, (select pl.ends_at from proxy_link pl where pl.id = l.proxy_link_id)
              from share_link l
            """;

    record Demographics(String givenName, String familyName, LocalDate birthDate) {
    }

    Uni<Void> insert(ShareLink link, String tokenHash) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        insert into share_link (id, patient_id, token_hash, label, categories, entry_ids, passcode_hash,
                                                max_uses, expires_at, created_at, created_by, hide_sensitive,
                                                proxy_link_id)
                        values (?1, ?2, ?3, ?4, string_to_array(?5, ','), cast(string_to_array(?6, ',') as uuid[]), ?7,
                                ?8, ?9, ?10, ?11, ?12, ?13)
                        """)
                .setParameter(1, link.id())
                .setParameter(2, link.patientId())
                .setParameter(3, tokenHash)
                .setParameter(4, link.label())
                .setParameter(5, link.categories().stream().map(DataCategory::code).sorted().collect(Collectors.joining(",")))
                .setParameter(6, link.entryIds().stream().map(UUID::toString).collect(Collectors.joining(",")))
                .setParameter(7, link.passcodeHash())
                .setParameter(8, link.maxUses())
                .setParameter(9, utc(link.expiresAt()))
                .setParameter(10, utc(link.createdAt()))
                .setParameter(11, link.createdBy())
                .setParameter(12, link.hideSensitive())
                .setParameter(13, link.proxyLinkId())
                .executeUpdate()).replaceWithVoid();
    }

    Uni<List<ShareLink>> byPatient(UUID patientId) {
        return list(SELECT + " where l.patient_id = ?1 order by l.created_at desc, l.id desc", patientId);
    }

    /** Null when the patient has no such link. */
    Uni<ShareLink> byId(UUID patientId, UUID linkId) {
        return list(SELECT + " where l.patient_id = ?1 and l.id = ?2", patientId, linkId).map(ShareLinkRepository::first);
    }

    /** Null for an unknown token. */
    Uni<ShareLink> byTokenHash(String tokenHash) {
        return list(SELECT + " where l.token_hash = ?1", tokenHash).map(ShareLinkRepository::first);
    }

    /** The link, locked until the transaction ends, so concurrent uses count one after another. */
    Uni<ShareLink> lockForUse(UUID linkId) {
        return list(SELECT + " where l.id = ?1 for update of l", linkId).map(ShareLinkRepository::first);
    }

    /** Counts a wrong passcode and locks the link when it reaches {@code maxAttempts}. */
    Uni<Void> countWrongPasscode(UUID linkId, int maxAttempts) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update share_link
                           set failed_passcodes = failed_passcodes + 1,
                               locked_at = case when failed_passcodes + 1 >= ?2 then clock_timestamp() else locked_at end
                         where id = ?1
                        """)
                .setParameter(1, linkId)
                .setParameter(2, maxAttempts)
                .executeUpdate()).replaceWithVoid();
    }

    Uni<Void> recordUse(ShareLink link, Caller.ClientInfo client) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                                "update share_link set use_count = use_count + 1 where id = ?1")
                        .setParameter(1, link.id())
                        .executeUpdate()
                        .chain(() -> session.createNativeQuery("""
                                        insert into share_link_use (id, link_id, patient_id, used_at, client_address, user_agent)
                                        values (?1, ?2, ?3, clock_timestamp(), ?4, ?5)
                                        """)
                                .setParameter(1, UUID.randomUUID())
                                .setParameter(2, link.id())
                                .setParameter(3, link.patientId())
                                .setParameter(4, client.address())
                                .setParameter(5, client.userAgent())
                                .executeUpdate()))
                .replaceWithVoid();
    }

    /** True when this call revoked it. */
    Uni<Boolean> revoke(UUID linkId, UUID revokedBy) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        update share_link set revoked_at = clock_timestamp(), revoked_by = ?2
                         where id = ?1 and revoked_at is null
                        """)
                .setParameter(1, linkId)
                .setParameter(2, revokedBy)
                .executeUpdate()).map(count -> count > 0);
    }

    /** How many of these ids are entries of this patient's chart. */
    Uni<Long> countEntriesOf(UUID patientId, Collection<UUID> entryIds) {
        return Panache.getSession().chain(session -> session.createNativeQuery("""
                        select count(*) from chart_entry
                         where patient_id = ?1 and id = any(cast(string_to_array(?2, ',') as uuid[]))
                        """, Long.class)
                .setParameter(1, patientId)
                .setParameter(2, entryIds.stream().map(UUID::toString).collect(Collectors.joining(",")))
                .getSingleResult());
    }

    Uni<Demographics> demographics(UUID patientId) {
        return Panache.getSession().chain(session -> session.createNativeQuery(
                        "select given_name, family_name, birth_date from patient where id = ?1", Object[].class)
                .setParameter(1, patientId)
                .getSingleResult()).map(row -> new Demographics((String) row[0], (String) row[1], (LocalDate) row[2]));
    }

    private Uni<List<ShareLink>> list(String sql, Object... params) {
        return Panache.getSession().chain(session -> {
            var query = session.createNativeQuery(sql, Object[].class);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.getResultList();
        }).map(rows -> rows.stream().map(ShareLinkRepository::toLink).toList());
    }

    private static ShareLink first(List<ShareLink> links) {
        return links.isEmpty() ? null : links.get(0);
    }

    private static ShareLink toLink(Object[] row) {
        return new ShareLink((UUID) row[0], (UUID) row[1], (String) row[2], categories((String) row[3]),
                entryIds((String) row[4]), (String) row[5], (Boolean) row[6],
                row[7] == null ? null : ((Number) row[7]).intValue(), ((Number) row[8]).intValue(),
                ((Number) row[9]).intValue(), Rows.instant(row[10]), Rows.instant(row[11]), Rows.instant(row[12]), (UUID) row[13],
                Rows.instant(row[14]), Rows.instant(row[15]), Rows.uuid(row[16]), Rows.instant(row[17]));
    }

    private static Set<DataCategory> categories(String joined) {
        Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
        if (joined != null && !joined.isEmpty()) {
            Arrays.stream(joined.split(",")).map(DataCategory::fromCode).forEach(c -> c.ifPresent(categories::add));
        }
        return categories;
    }

    private static Set<UUID> entryIds(String joined) {
        Set<UUID> ids = new LinkedHashSet<>();
        if (joined != null && !joined.isEmpty()) {
            Arrays.stream(joined.split(",")).map(UUID::fromString).forEach(ids::add);
        }
        return ids;
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

}
