package org.carechart.chart;

/** The answer to a write, as first given and as replayed for a retry with the same Idempotency-Key. */
public record StoredAnswer(int status, String location, String body, String etag) {
}
