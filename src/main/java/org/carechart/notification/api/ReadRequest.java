package org.carechart.notification.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Marks the inbox read up to and including this sequence number. */
@RegisterForReflection
public record ReadRequest(@NotNull @PositiveOrZero Long upTo) {
}
