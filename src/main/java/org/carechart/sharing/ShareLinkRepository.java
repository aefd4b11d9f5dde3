package org.carechart.sharing;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.carechart.access.DataCategory;
import org.carechart.common.Sql;
import org.carechart.common.SqlRow;
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
            select l.id, l.patient_id, l.label, array_to_string(l.categories, ',') as categories,
                   array_to_string(l.entry_ids, ',') as entry_ids, l.passcode_hash, l.hide_sensitive, l.max_uses, l.use_count,
                   l.failed_passcodes, l.locked_at, l.expires_at, l.created_at, l.created_by, l.revoked_at,
                   (select max(u.used_at) from share_link_use u where u.link_id = l.id) as last_used_at,
                   l.proxy_link_id, (select pl.ends_at from proxy_link pl where pl.id = l.proxy_link_id) as proxy_ends_at
              from share_link l
            """;

    record Demographics(String givenName, String familyName, LocalDate birthDate) {

        static Demographics from(SqlRow row) {
            return new Demographics(row.text("given_name"), row.text("family_name"), row.date("birth_date"));
        }
    }

    Uni<Void> insert(ShareLink link, String tokenHash) {
        return Sql.of("""
                        insert into share_link (id, patient_id, token_hash, label, categories, entry_ids, passcode_hash,
                                                max_uses, expires_at, created_at, created_by, hide_sensitive,
                                                proxy_link_id)
                        values (:id, :patient, :tokenHash, :label, string_to_array(:categories, ','),
                                cast(string_to_array(:entries, ',') as uuid[]), :passcodeHash,
                                :maxUses, :expiresAt, :createdAt, :createdBy, :hideSensitive, :proxyLink)
                        """)
                .bind("id", link.id())
                .bind("patient", link.patientId())
                .bind("tokenHash", tokenHash)
                .bind("label", link.label())
                .bind("categories", link.categories().stream().map(DataCategory::code).sorted().collect(Collectors.joining(",")))
                .bind("entries", link.entryIds().stream().map(UUID::toString).collect(Collectors.joining(",")))
                .bind("passcodeHash", link.passcodeHash())
                .bind("maxUses", link.maxUses())
                .bind("expiresAt", utc(link.expiresAt()))
                .bind("createdAt", utc(link.createdAt()))
                .bind("createdBy", link.createdBy())
                .bind("hideSensitive", link.hideSensitive())
                .bind("proxyLink", link.proxyLinkId())
                .execute().replaceWithVoid();
    }

    Uni<List<ShareLink>> byPatient(UUID patientId) {
        return Sql.of(SELECT + " where l.patient_id = :patient order by l.created_at desc, l.id desc")
                .bind("patient", patientId).list(ShareLinkRepository::toLink);
    }

    /** Null when the patient has no such link. */
    Uni<ShareLink> byId(UUID patientId, UUID linkId) {
        return Sql.of(SELECT + " where l.patient_id = :patient and l.id = :link")
                .bind("patient", patientId).bind("link", linkId).first(ShareLinkRepository::toLink).map(found -> found.orElse(null));
    }

    /** Null for an unknown token. */
    Uni<ShareLink> byTokenHash(String tokenHash) {
        return Sql.of(SELECT + " where l.token_hash = :tokenHash")
                .bind("tokenHash", tokenHash).first(ShareLinkRepository::toLink).map(found -> found.orElse(null));
    }

    /** The link, locked until the transaction ends, so concurrent uses count one after another. */
    Uni<ShareLink> lockForUse(UUID linkId) {
        return Sql.of(SELECT + " where l.id = :link for update of l")
                .bind("link", linkId).first(ShareLinkRepository::toLink).map(found -> found.orElse(null));
    }

    /** Counts a wrong passcode and locks the link when it reaches {@code maxAttempts}. */
    Uni<Void> countWrongPasscode(UUID linkId, int maxAttempts) {
        return Sql.of("""
                        update share_link
                           set failed_passcodes = failed_passcodes + 1,
                               locked_at = case when failed_passcodes + 1 >= :maxAttempts then clock_timestamp() else locked_at end
                         where id = :link
                        """)
                .bind("link", linkId).bind("maxAttempts", maxAttempts)
                .execute().replaceWithVoid();
    }

    Uni<Void> recordUse(ShareLink link, Caller.ClientInfo client) {
        return Sql.of("update share_link set use_count = use_count + 1 where id = :link").bind("link", link.id()).execute()
                .chain(() -> Sql.of("""
                                insert into share_link_use (id, link_id, patient_id, used_at, client_address, user_agent)
                                values (:id, :link, :patient, clock_timestamp(), :address, :agent)
                                """)
                        .bind("id", UUID.randomUUID()).bind("link", link.id()).bind("patient", link.patientId())
                        .bind("address", client.address()).bind("agent", client.userAgent())
                        .execute())
                .replaceWithVoid();
    }

    /** True when this call revoked it. */
    Uni<Boolean> revoke(UUID linkId, UUID revokedBy) {
        return Sql.of("""
                        update share_link set revoked_at = clock_timestamp(), revoked_by = :revokedBy
                         where id = :link and revoked_at is null
                        """)
                .bind("link", linkId).bind("revokedBy", revokedBy)
                .execute().map(count -> count > 0);
    }

    /** How many of these ids are entries of this patient's chart. */
    Uni<Long> countEntriesOf(UUID patientId, Collection<UUID> entryIds) {
        return Sql.of("""
                        select count(*) as n from chart_entry
                         where patient_id = :patient and id = any(cast(string_to_array(:entries, ',') as uuid[]))
                        """)
                .bind("patient", patientId)
                .bind("entries", entryIds.stream().map(UUID::toString).collect(Collectors.joining(",")))
                .first(row -> row.number("n")).map(found -> found.orElse(0L));
    }

    Uni<Demographics> demographics(UUID patientId) {
        return Sql.of("select given_name, family_name, birth_date from patient where id = :patient")
                .bind("patient", patientId).first(Demographics::from).map(found -> found.orElse(null));
    }

    private static ShareLink toLink(SqlRow row) {
        return new ShareLink(row.uuid("id"), row.uuid("patient_id"), row.text("label"), categories(row.text("categories")),
                entryIds(row.text("entry_ids")), row.text("passcode_hash"), row.bool("hide_sensitive"),
                row.value("max_uses") == null ? null : row.integer("max_uses"), row.integer("use_count"),
                row.integer("failed_passcodes"), row.instant("locked_at"), row.instant("expires_at"), row.instant("created_at"),
                row.uuid("created_by"), row.instant("revoked_at"), row.instant("last_used_at"), row.uuid("proxy_link_id"),
                row.instant("proxy_ends_at"));
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
