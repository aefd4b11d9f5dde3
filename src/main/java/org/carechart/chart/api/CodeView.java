package org.carechart.chart.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** A coded concept with its FHIR code-system URI (LOINC, SNOMED CT, RxNorm, ICD-10-CM, CVX). */
@RegisterForReflection
public record CodeView(String system, String code, String display) {
}
