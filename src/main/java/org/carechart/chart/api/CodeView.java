package org.carechart.chart.api;

/** A coded concept with its FHIR code-system URI (LOINC, SNOMED CT, RxNorm, ICD-10-CM, CVX). */
public record CodeView(String system, String code, String display) {
}
