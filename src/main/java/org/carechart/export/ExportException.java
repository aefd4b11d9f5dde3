package org.carechart.export;

import org.carechart.fhir.api.OperationOutcome;

import java.util.List;

/** An export request refused, answered as an OperationOutcome by {@link ExportResource}. */
final class ExportException extends RuntimeException {

    final int status;
    final transient OperationOutcome outcome;
    final Integer retryAfter;

    private ExportException(int status, String code, String diagnostics, List<String> expression, Integer retryAfter) {
        super(code, null, false, false);
        this.status = status;
        this.outcome = OperationOutcome.error(code, diagnostics, expression);
        this.retryAfter = retryAfter;
    }

    static ExportException badRequest(String param, String message) {
        return new ExportException(400, "invalid", param + ": " + message, List.of(param), null);
    }

    static ExportException notSupported(String param, String message) {
        return new ExportException(400, "not-supported", param + ": " + message, List.of(param), null);
    }

    static ExportException notFound() {
        return new ExportException(404, "not-found", "No such export, or it is not yours to see.", List.of(), null);
    }

    static ExportException forbidden(String message) {
        return new ExportException(403, "forbidden", message, List.of(), null);
    }

    static ExportException tooMany(int retryAfter) {
        return new ExportException(429, "throttled", "Too many exports of this client are queued or running; try again later.",
                List.of(), retryAfter);
    }

    static ExportException notAcceptable() {
        return new ExportException(406, "not-supported", "Export files are application/fhir+ndjson.", List.of(), null);
    }

    static ExportException failed(String message) {
        return new ExportException(500, "exception", message, List.of(), null);
    }
}
