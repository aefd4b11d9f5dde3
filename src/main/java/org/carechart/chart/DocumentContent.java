package org.carechart.chart;

/** A document's bytes with what the response needs to describe them. */
public record DocumentContent(String contentType, String sha256, String fileName, byte[] content) {
}
