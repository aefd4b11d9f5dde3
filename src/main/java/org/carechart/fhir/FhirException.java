package org.carechart.fhir;

import org.carechart.fhir.api.OperationOutcome;

import java.util.List;

/** A FHIR request refused: answered once, as an OperationOutcome, by {@link FhirResource}. */
final class FhirException extends RuntimeException {

    final int status;
    final transient OperationOutcome outcome;

    FhirException(int status, String code, String diagnostics, List<String> expression) {
        super(code, null, false, false);
        this.status = status;
        this.outcome = OperationOutcome.error(code, diagnostics, expression);
    }

    static FhirException badRequest(String param, String message) {
        return new FhirException(400, "invalid", param + ": " + message, List.of(param));
    }

    static FhirException required(String param, String message) {
        return new FhirException(400, "required", message, List.of(param));
    }

    static FhirException notFound() {
        return new FhirException(404, "not-found", "No such resource, or it is not yours to see.", List.of());
    }

    static FhirException unknownType(String type) {
        return new FhirException(404, "not-supported", "This server does not serve resources of that type.", List.of());
    }

    static FhirException notSupported(String what) {
        return new FhirException(400, "not-supported", what, List.of());
    }
}
