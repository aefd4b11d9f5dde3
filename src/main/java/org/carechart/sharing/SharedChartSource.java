package org.carechart.sharing;

import io.smallrye.mutiny.Uni;
import org.carechart.access.DataCategory;
import org.carechart.sharing.api.SharedChartView;

import java.util.Set;
import java.util.UUID;

/**
 * Where the content of a share link comes from: the chart as it is now, cut down to what the
 * link shares. Called inside the transaction that records the use, after the link was checked;
 * it must not decide access itself (the link is the basis) and must not write audit events (the
 * use is recorded once, by {@link ShareLinkService}).
 *
 * <p>The default ({@link DemographicsOnlyChartSource}) answers the patient's name and birth date
 * with no entries; the chart feature supplies the real one (an {@code @ApplicationScoped} bean
 * implementing this interface replaces the default).
 */
public interface SharedChartSource {

    /**
     * @param categories the shared categories (entries of these, current and not entered-in-error)
     * @param entryIds      the individually shared entries (in addition to the categories)
     * @param hideSensitive leave out entries marked sensitive: the link was made by a parent proxy
     *                      of a minor aged 12 to 17, who may not see (so may not share) them
     */
    Uni<SharedChartView> sharedView(UUID patientId, Set<DataCategory> categories, Set<UUID> entryIds,
                                    boolean hideSensitive);
}
