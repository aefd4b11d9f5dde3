package org.carechart.amendment.api;

/** The patient's statement of disagreement with a denial; it stays linked to the entry. */
public record DisagreementInput(String statement) {
}
