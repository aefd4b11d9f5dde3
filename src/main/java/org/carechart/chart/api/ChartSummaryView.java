package org.carechart.chart.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;
import java.util.Map;

/**
 * What a mobile home screen shows in one call. Parts the caller may not see are empty (or absent
 * for demographics); counts cover only what the caller may see.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChartSummaryView(DemographicsView patient, List<ChartEntryView> activeProblems,
                               List<ChartEntryView> activeMedications, List<ChartEntryView> allergies,
                               List<ChartEntryView> latestVitals, List<ChartEntryView> recentLabResults,
                               Map<String, Long> counts, long unreadNotifications) {
}
