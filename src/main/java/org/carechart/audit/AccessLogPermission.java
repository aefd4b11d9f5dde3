package org.carechart.audit;

import io.smallrye.mutiny.Uni;
import org.carechart.identity.Caller;

import java.util.Optional;
import java.util.UUID;

/**
 * Who may read a patient's access log, and on which basis ({@code self}, {@code proxy},
 * {@code staff}). Audit sits below access in the layers, so it cannot ask {@code AccessPolicy};
 * until access provides a bean of this type (delegating to its READ_ACCESS_LOG rule), the
 * default {@link MirroredAccessLogPermission} answers with the same rule.
 */
public interface AccessLogPermission {

    /** The basis the caller may read the log on; empty when they may not (or there is no such patient). */
    Uni<Optional<String>> basis(Caller caller, UUID patientId);
}
