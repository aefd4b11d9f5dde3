package org.carechart.patient.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.UUID;

/**
 * Adds a provider to a patient's care team. The patient is the one in the path; anything else in
 * the body (a patient id, an organization, an account role) is ignored.
 *
 * @param role     the provider's function on the team, for example "primary care physician"
 * @param startsAt when the link starts; now if absent
 * @param endsAt   when it ends; open-ended if absent
 */
@RegisterForReflection
public record NewCareTeamMember(@NotNull UUID providerId, @NotBlank @Size(max = 100) String role, Instant startsAt,
                                Instant endsAt) {
}
