package org.carechart.sharing;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One disclosure of a patient's data, as the audit trail recorded it.
 *
 * @param recipientName   the actor's name as recorded (for a share link: "share link ab12cd34")
 * @param recipientRoles  the actor's roles at the time
 * @param what            for searches and share links: the filters or categories involved
 * @param purpose         the recorded purpose; else the purpose of the grant in force; else the
 *                        purpose implied by the basis (treatment for care team and emergency
 *                        access, operations for records staff)
 */
public record Disclosure(UUID id, Instant occurredAt, UUID recipientId, String recipientName,
                         List<String> recipientRoles, UUID organizationId, String organizationName, String action,
                         String resourceType, String resourceId, String what, String purpose, String basis) {
}
