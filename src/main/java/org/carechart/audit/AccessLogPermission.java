package org.carechart.audit;

import io.smallrye.mutiny.Uni;
import org.carechart.identity.Caller;

import java.util.Optional;
import java.util.UUID;

/**
 * Who may read a patient's access log, and on which basis ({@code self}, {@code proxy},
 * {@code staff}). Audit sits below access in the layers, so it cannot call {@code AccessPolicy};
 * access implements this interface with its READ_ACCESS_LOG rule, so the decision stays in one place.
 */
public interface AccessLogPermission {

    /** The basis the caller may read the log on; empty when they may not (or there is no such patient). */
    Uni<Optional<String>> basis(Caller caller, UUID patientId);
}
