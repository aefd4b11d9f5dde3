package org.carechart.sharing;

import io.quarkus.arc.DefaultBean;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.access.DataCategory;
import org.carechart.sharing.api.SharedChartView;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Until the chart feature provides entries: the patient's name and birth date, no entries. */
@DefaultBean
@ApplicationScoped
public class DemographicsOnlyChartSource implements SharedChartSource {

    @Inject
    ShareLinkRepository links;

    @Override
    public Uni<SharedChartView> sharedView(UUID patientId, Set<DataCategory> categories, Set<UUID> entryIds,
                                           boolean hideSensitive) {
        return links.demographics(patientId).map(d -> new SharedChartView(d.givenName(), d.familyName(), d.birthDate(),
                categories.stream().map(DataCategory::code).sorted().toList(), List.of(), Instant.now()));
    }
}
