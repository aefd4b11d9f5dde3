package org.carechart.chart.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.time.Instant;
import java.util.UUID;

/** One version of an entry: what it said, who wrote it, when and why (and which amendment it answers). */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EntryVersionView(int version, ChartEntryView entry, UUID authorId, String authorName, Instant writtenAt,
                               String reason, UUID amendmentId) {
}
