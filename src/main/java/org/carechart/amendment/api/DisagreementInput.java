package org.carechart.amendment.api;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** The patient's statement of disagreement with a denial; it stays linked to the entry. */
@RegisterForReflection
public record DisagreementInput(String statement) {
}
