package org.carechart.patient.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;

import java.time.Instant;
import java.util.UUID;

/**
 * Lets a personal account act for the patient in the path. Anything else in the body is ignored.
 *
 * @param relationship parent, guardian or caregiver
 */
@RegisterForReflection
public record NewProxy(@NotNull UUID proxyAccountId,
                       @NotNull @Pattern(regexp = "parent|guardian|caregiver", message = "must be parent, guardian or caregiver")
                       String relationship,
                       Instant startsAt, Instant endsAt) {
}
