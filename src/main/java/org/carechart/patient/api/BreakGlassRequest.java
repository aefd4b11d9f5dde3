package org.carechart.patient.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Why a provider needs emergency access; shown to the patient's organization for review. */
@RegisterForReflection
public record BreakGlassRequest(@NotBlank @Size(min = 10, max = 500) String reason) {
}
