package org.carechart.chart.api;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A search of some categories of a chart (one audit event even for several) with alternatives, as standard clients ask (FHIR search):
 * any of {@code codes} (each a code or {@code system|code}; empty = any), none of
 * {@code excludedCodes}, effective in [{@code from}, {@code to}), any of {@code statuses} (empty =
 * every status but entered-in-error); {@code matchesNothing} when the client asked for something the
 * chart never holds (still authorized and recorded, returning nothing). {@code label} names the search in the audit trail, which
 * also names every entry the page returned.
 */
public record EntryQuery(List<String> categories, boolean matchesNothing, List<String> codes, Set<String> excludedCodes, Instant from, Instant to,
                         List<String> statuses, String label) {

    public EntryQuery {
        categories = List.copyOf(categories);
        codes = List.copyOf(codes);
        excludedCodes = Set.copyOf(excludedCodes);
        statuses = List.copyOf(statuses);
    }

    /** The filters as the audit trail records them: names and values, never free text. */
    public String describe() {
        StringBuilder out = new StringBuilder(label == null ? "" : label);
        append(out, "category", String.join(",", categories));
        if (matchesNothing) {
            append(out, "matches", "nothing");
        }
        append(out, "code", codes.isEmpty() ? null : String.join(",", codes));
        append(out, "from", from);
        append(out, "to", to);
        append(out, "status", statuses.isEmpty() ? null : String.join(",", statuses));
        return out.toString();
    }

    private static void append(StringBuilder out, String name, Object value) {
        if (value != null) {
            if (!out.isEmpty()) out.append('&');
            out.append(name).append('=').append(value);
        }
    }
}
