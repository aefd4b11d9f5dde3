package org.carechart.access;

import java.util.UUID;

/**
 * The patients a caller may list, as {@link AccessPolicy} defines them: a SQL condition on a
 * patient row aliased {@code p}, bound with {@code :scopeAccount} and {@code :scopeOrganization}.
 * The condition is the policy's; a feature only places it in its own query.
 */
public record PatientListScope(Basis basis, String condition, UUID account, UUID organization) {
}
