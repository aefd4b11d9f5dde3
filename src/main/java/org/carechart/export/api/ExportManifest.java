package org.carechart.export.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/** The Bulk Data 2.0 complete-status manifest. {@code error} is always present (empty when none). */
@RegisterForReflection
public record ExportManifest(String transactionTime, String request, boolean requiresAccessToken, List<Output> output,
                             List<Output> error) {

    /** One NDJSON file: its resource type, absolute URL and number of resources. */
    @RegisterForReflection
    public record Output(String type, String url, long count) {
    }
}
