package org.carechart.identity.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

/**
 * An account an administrator registers. Only these fields are read: anything else in the body
 * (an id, a lock state, failed sign-ins) is ignored.
 */
@RegisterForReflection
public record NewAccount(
        @NotBlank @Pattern(regexp = "[a-z0-9][a-z0-9._@-]{2,63}",
                message = "3 to 64 characters: lower-case letters, digits, '.', '_', '@' or '-'") String username,
        @NotNull @Size(min = 12, max = 72, message = "must be 12 to 72 characters") String password,
        @NotBlank @Size(max = 200) String displayName,
        @NotEmpty List<@NotBlank String> roles,
        UUID organizationId,
        UUID patientId) {
}
