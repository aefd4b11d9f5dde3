package org.carechart.notification.api;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.PositiveOrZero;

/** Marks the inbox read up to and including this sequence number. */
public record ReadRequest(@NotNull @PositiveOrZero Long upTo) {
}
