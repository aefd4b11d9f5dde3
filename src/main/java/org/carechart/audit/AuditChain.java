package org.carechart.audit;

import org.carechart.audit.AuditChainRepository.ChainRow;

import javax.crypto.Mac;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.StringJoiner;

/**
 * The links of the audit chains, computed in Java only: the database never computes or checks a hash.
 * <ul>
 * <li>{@value #SHA256} (rows written before V80): sha256(prev_hash || the V4 canonical text), the
 * columns joined with {@code |}, exactly as V4's {@code audit_canonical} did.</li>
 * <li>{@value #HMAC_V2} (every row since): HMAC-SHA256 under the service's chain key of prev_hash
 * followed by a length-prefixed canonical form (each field as its UTF-8 byte length, a colon and the
 * bytes; null as {@code -}), so text cannot move between adjacent fields.</li>
 * </ul>
 */
final class AuditChain {

    static final String SHA256 = "sha256";
    static final String HMAC_V2 = "hmac-sha256/2";

    /** to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') */
    private static final DateTimeFormatter OCCURRED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private AuditChain() {
    }

    /** The link of {@code e} after {@code prevHash}, by the row's own algorithm. */
    static byte[] link(String alg, byte[] prevHash, ChainRow e, AuditChainKey key) {
        return switch (alg) {
            case SHA256 -> sha256(prevHash, e);
            case HMAC_V2 -> hmac(prevHash, e, key);
            default -> new byte[0];
        };
    }

    static byte[] hmac(byte[] prevHash, ChainRow e, AuditChainKey key) {
        Mac mac = key.mac();
        mac.update(prevHash);
        mac.update(canonicalV2(e));
        return mac.doFinal();
    }

    static byte[] canonicalV2(ChainRow e) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        field(out, "2");
        field(out, e.id().toString());
        field(out, e.chainKey());
        field(out, Long.toString(e.chainSeq()));
        field(out, OCCURRED_AT.format(e.occurredAt().atZoneSameInstant(ZoneOffset.UTC)));
        field(out, e.actorId());
        field(out, e.actorName());
        field(out, e.actorRoles() == null ? null : String.join(",", e.actorRoles()));
        field(out, e.organizationId());
        field(out, e.actingFor());
        field(out, e.patientId());
        field(out, e.action());
        field(out, e.resourceType());
        field(out, e.resourceId());
        field(out, e.query());
        field(out, e.basis());
        field(out, e.purpose());
        field(out, e.outcome());
        field(out, e.clientAddress());
        field(out, e.userAgent());
        return out.toByteArray();
    }

    private static void field(ByteArrayOutputStream out, Object value) {
        if (value == null) {
            out.write('-');
            return;
        }
        byte[] bytes = value.toString().getBytes(StandardCharsets.UTF_8);
        out.writeBytes(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        out.write(':');
        out.writeBytes(bytes);
    }

    /** concat_ws('|', ...) of the columns in V4's order; nulls are written as ''. */
    static byte[] canonicalV1(ChainRow e) {
        StringJoiner text = new StringJoiner("|");
        text.add(e.id().toString());
        text.add(e.chainKey());
        text.add(Long.toString(e.chainSeq()));
        text.add(OCCURRED_AT.format(e.occurredAt().atZoneSameInstant(ZoneOffset.UTC)));
        text.add(orEmpty(e.actorId()));
        text.add(orEmpty(e.actorName()));
        text.add(roles(e.actorRoles()));
        text.add(orEmpty(e.organizationId()));
        text.add(orEmpty(e.actingFor()));
        text.add(orEmpty(e.patientId()));
        text.add(e.action());
        text.add(orEmpty(e.resourceType()));
        text.add(orEmpty(e.resourceId()));
        text.add(orEmpty(e.query()));
        text.add(orEmpty(e.basis()));
        text.add(orEmpty(e.purpose()));
        text.add(e.outcome());
        text.add(orEmpty(e.clientAddress()));
        text.add(orEmpty(e.userAgent()));
        return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    static byte[] sha256(byte[] prevHash, ChainRow e) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prevHash);
            sha256.update(canonicalV1(e));
            return sha256.digest();
        } catch (GeneralSecurityException impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** array_to_string skips null elements. */
    private static String roles(String[] roles) {
        StringJoiner joined = new StringJoiner(",");
        if (roles != null) {
            for (String role : roles) {
                if (role != null) {
                    joined.add(role);
                }
            }
        }
        return joined.toString();
    }

    private static String orEmpty(Object value) {
        return value == null ? "" : value.toString();
    }
}
