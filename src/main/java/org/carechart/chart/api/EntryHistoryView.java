package org.carechart.chart.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;
import java.util.UUID;

/** Every version of an entry, oldest first, and the amendment requests (and disagreements) about it. */
@RegisterForReflection
public record EntryHistoryView(UUID entryId, List<EntryVersionView> versions, List<EntryAmendmentView> amendments) {
}
