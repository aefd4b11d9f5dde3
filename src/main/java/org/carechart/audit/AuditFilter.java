package org.carechart.audit;

import org.carechart.common.Cursor;
import org.carechart.common.Page;
import org.carechart.common.ProblemException;

import java.time.Instant;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;

/** The filters of {@code GET /api/v1/audit}, validated: every bad value is a 400 naming its field. */
public record AuditFilter(UUID patientId, UUID actorId, AuditAction action, AuditEntry.AuditOutcome outcome,
                          String basis, Instant from, Instant to, Cursor cursor, int limit) {

    /** The basis codes events carry ({@code none} for denials recorded by the access policy). */
    static final Set<String> BASES = Set.of("self", "proxy", "care-team", "staff", "grant", "share-link",
            "break-the-glass", "admin", "none");

    public static AuditFilter parse(String patient, String actor, String action, String outcome, String basis,
                                    String from, String to, String cursor, Integer limit) {
        Instant fromInstant = instant("from", from);
        Instant toInstant = instant("to", to);
        if (fromInstant != null && toInstant != null && fromInstant.isAfter(toInstant)) {
            throw ProblemException.invalid("from", "must not be after to");
        }
        if (basis != null && !BASES.contains(basis)) {
            throw ProblemException.invalid("basis", "must be one of " + String.join(", ", BASES.stream().sorted().toList()));
        }
        return new AuditFilter(uuid("patientId", patient), uuid("actorId", actor),
                action == null ? null : AuditAction.fromCode(action)
                        .orElseThrow(() -> ProblemException.invalid("action", "is not a known action")),
                outcome == null ? null : AuditEntry.AuditOutcome.fromCode(outcome)
                        .orElseThrow(() -> ProblemException.invalid("outcome", "must be success, denied or failure")),
                basis, fromInstant, toInstant, Cursor.decode(cursor), Page.limit(limit));
    }

    /** The filters as recorded in the audit event of this search: ids and codes only, never health data. */
    String describe() {
        StringJoiner text = new StringJoiner("&");
        if (patientId != null) text.add("patientId=" + patientId);
        if (actorId != null) text.add("actorId=" + actorId);
        if (action != null) text.add("action=" + action.code());
        if (outcome != null) text.add("outcome=" + outcome.code());
        if (basis != null) text.add("basis=" + basis);
        if (from != null) text.add("from=" + from);
        if (to != null) text.add("to=" + to);
        if (cursor != null) text.add("cursor");
        return text.toString();
    }

    static UUID uuid(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return UUID.fromString(value.trim());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid(field, "is not a UUID");
        }
    }

    private static Instant instant(String field, String value) {
        return org.carechart.common.Instants.parse(field, value);
    }
}
