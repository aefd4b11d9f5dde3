package org.carechart.fhir.api;

import io.quarkus.runtime.annotations.RegisterForReflection;
import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** What went wrong, as FHIR says it: never an exception message, never health data. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
@RegisterForReflection(ignoreNested = false)
public record OperationOutcome(String resourceType, List<Issue> issue) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Issue(String severity, String code, String diagnostics, List<String> expression) {
    }

    public static OperationOutcome error(String code, String diagnostics, List<String> expression) {
        return new OperationOutcome("OperationOutcome", List.of(new Issue("error", code, diagnostics, expression)));
    }
}
