package org.carechart.audit;

import org.carechart.audit.AuditChainRepository.ChainRow;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.StringJoiner;

/**
 * The hash of an audit event, computed in Java exactly as the SQL function {@code audit_canonical}
 * and the trigger {@code audit_chain_link} (V4__audit.sql) compute it: sha256(prev_hash || the
 * canonical text). Recomputing it here, rather than calling the SQL function, means a changed
 * function in the database cannot make a tampered trail look intact.
 */
final class AuditChain {

    /** to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') */
    private static final DateTimeFormatter OCCURRED_AT = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'");

    private AuditChain() {
    }

    /** concat_ws('|', ...) of the columns in the SQL function's order; nulls are written as ''. */
    static byte[] canonical(ChainRow e) {
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

    static byte[] hash(byte[] prevHash, ChainRow e) {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            sha256.update(prevHash);
            sha256.update(canonical(e));
            return sha256.digest();
        } catch (NoSuchAlgorithmException impossible) {
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
