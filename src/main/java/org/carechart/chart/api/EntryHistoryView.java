package org.carechart.chart.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.UUID;

/** Every version of an entry, oldest first, and the amendment requests (and disagreements) about it. */
@RegisterForReflection
@Schema(requiredProperties = {"entryId", "versions", "amendments"})
public record EntryHistoryView(UUID entryId, List<EntryVersionView> versions, List<EntryAmendmentView> amendments) {
}
