package org.carechart.audit.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.time.Instant;
import java.util.UUID;

/** One line of a patient's access log: who did what to the chart, when, and why they could. */
@RegisterForReflection
@Schema(description = "Who viewed or changed the chart, when, what and on what basis, in plain words")
public record AccessLogItem(
        UUID id,
        Instant at,
        @Schema(description = "The person or app, by name, never an internal id") AccessLogActor actor,
        @Schema(description = "read, search, create, update, retract, share, revoke, export, break-glass") String action,
        @Schema(description = "What part of the chart, in plain words (medications, results, access log ...)") String what,
        @Schema(description = "self, proxy, care-team, staff, grant, share-link, break-the-glass; absent when refused") String basis,
        @Schema(description = "success, denied or failure") String outcome,
        @Schema(example = "Dr. Hannah Lee (provider) viewed your medications — as a member of your care team") String summary) {

    @RegisterForReflection
    public record AccessLogActor(String name,
                                 @Schema(description = "patient, proxy, provider, staff, admin or app") String role,
                                 @Schema(description = "true when the reader of the log did this themself") boolean you) {
    }
}
