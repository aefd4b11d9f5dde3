package org.carechart.audit;

import org.carechart.identity.Caller;

import java.util.UUID;

/**
 * One audit event as a feature describes it; the trail adds the time, the chain and the hash.
 *
 * @param basis   the access basis code (self, proxy, care-team, grant, share-link, break-the-glass, staff)
 * @param query   for searches: the filters used, never free-text health data
 * @param purpose the stated purpose of use (treatment, payment, operations, research, personal use)
 */
public record AuditEntry(Caller caller, AuditAction action, UUID patientId, String resourceType, String resourceId,
                         String query, String basis, String purpose, AuditOutcome outcome) {

    public enum AuditOutcome {
        SUCCESS, DENIED, FAILURE;

        public String code() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        public static java.util.Optional<AuditOutcome> fromCode(String code) {
            for (AuditOutcome outcome : values()) {
                if (outcome.code().equals(code)) {
                    return java.util.Optional.of(outcome);
                }
            }
            return java.util.Optional.empty();
        }
    }

    public static AuditEntry success(Caller caller, AuditAction action, UUID patientId, String basis,
                                     String resourceType, String resourceId) {
        return new AuditEntry(caller, action, patientId, resourceType, resourceId, null, basis, null, AuditOutcome.SUCCESS);
    }

    public static AuditEntry denied(Caller caller, AuditAction action, UUID patientId, String resourceType,
                                    String resourceId) {
        return new AuditEntry(caller, action, patientId, resourceType, resourceId, null, null, null, AuditOutcome.DENIED);
    }

    public AuditEntry withQuery(String newQuery) {
        return new AuditEntry(caller, action, patientId, resourceType, resourceId, newQuery, basis, purpose, outcome);
    }

    public AuditEntry withPurpose(String newPurpose) {
        return new AuditEntry(caller, action, patientId, resourceType, resourceId, query, basis, newPurpose, outcome);
    }

    /** The patient the actor acted for, when they acted as a proxy. */
    UUID actingFor() {
        return "proxy".equals(basis) ? patientId : null;
    }
}
