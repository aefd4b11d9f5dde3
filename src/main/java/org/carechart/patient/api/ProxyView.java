package org.carechart.patient.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import java.util.UUID;

/** An account acting for the patient; {@code active} is true between {@code startsAt} and {@code endsAt}. */
@RegisterForReflection
public record ProxyView(UUID id, UUID proxyAccountId, String proxyName, String relationship, Instant startsAt,
                        Instant endsAt, boolean active) {
}
