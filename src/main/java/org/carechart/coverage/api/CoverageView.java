package org.carechart.coverage.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A patient's insurance coverage: payer, member id on the card, subscriber, plan, group and period. */
@RegisterForReflection
public record CoverageView(UUID id, UUID patientId, UUID payerId, String payerName, String status, String typeCode,
                           String typeDisplay, String memberId, String subscriberId, String relationship,
                           String planValue, String planName, String groupValue, String groupName, LocalDate startsOn,
                           LocalDate endsOn, Instant updatedAt) {
}
