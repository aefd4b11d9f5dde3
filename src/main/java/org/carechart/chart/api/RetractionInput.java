package org.carechart.chart.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Why an entry is retracted (entered in error). */
@RegisterForReflection
public record RetractionInput(String reason) {
}
