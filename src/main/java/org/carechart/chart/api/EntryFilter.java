package org.carechart.chart.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;

/** The filters of an entry search; each may be null. {@code code} is a code or {@code system|code}. */
@RegisterForReflection
public record EntryFilter(String category, String code, Instant from, Instant to, String status) {

    /** The filters as the audit trail records them: names and values, never free text. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        append(out, "category", category);
        append(out, "code", code);
        append(out, "from", from);
        append(out, "to", to);
        append(out, "status", status);
        return out.toString();
    }

    private static void append(StringBuilder out, String name, Object value) {
        if (value != null) {
            if (!out.isEmpty()) out.append('&');
            out.append(name).append('=').append(value);
        }
    }
}
