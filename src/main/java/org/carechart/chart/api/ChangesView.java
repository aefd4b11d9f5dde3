package org.carechart.chart.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/**
 * Entries added, changed or retracted since the token the client sent (retracted ones carry status
 * entered-in-error), and the token to send next time. {@code more} says another call is needed now.
 */
@RegisterForReflection
public record ChangesView(List<ChartEntryView> changes, String nextToken, boolean more) {
}
