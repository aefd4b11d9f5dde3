package org.carechart.chart.api;

/** Why an entry is retracted (entered in error). */
public record RetractionInput(String reason) {
}
