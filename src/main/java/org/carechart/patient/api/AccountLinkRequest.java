package org.carechart.patient.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;

import java.util.UUID;

/** The personal account records staff link to the patient, after proving the person's identity. */
@RegisterForReflection
public record AccountLinkRequest(@NotNull UUID accountId) {
}
