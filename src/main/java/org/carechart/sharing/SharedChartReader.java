package org.carechart.sharing;

import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.DataCategory;
import org.carechart.chart.ChartService;
import org.carechart.chart.api.ChartEntryView;
import org.carechart.sharing.api.SharedChartView;
import org.carechart.sharing.api.SharedEntry;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * What a share link shows: the chart as it is now, cut down to what the link shares, read through
 * the chart feature's service. Called inside the transaction that records the use, after the link
 * was checked: the link is the basis, so this decides nothing and records nothing itself.
 */
@ApplicationScoped
public class SharedChartReader {

    @Inject
    ShareLinkRepository links;

    @Inject
    ChartService chart;

    public Uni<SharedChartView> sharedView(UUID patientId, Set<DataCategory> categories, Set<UUID> entryIds,
                                           boolean hideSensitive) {
        // In sequence, never in parallel: both run on the one reactive session of the request.
        return links.demographics(patientId).chain(person -> chart.sharedEntries(patientId, categories, entryIds, hideSensitive)
                .map(entries -> new SharedChartView(person.givenName(), person.familyName(), person.birthDate(),
                        categories.stream().map(DataCategory::code).sorted().toList(),
                        entries.stream().map(SharedChartReader::shared).toList(), Instant.now())));
    }

    private static SharedEntry shared(ChartEntryView e) {
        String value = e.valueQuantity() != null ? e.valueQuantity().toPlainString() : e.valueText();
        return new SharedEntry(e.id(), e.category(), e.code().system(), e.code().code(), e.code().display(), e.status(),
                e.effectiveAt(), value, e.valueUnit(), e.interpretation());
    }
}
