package org.carechart.common;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * An RFC 9457 problem document. {@code type} is stable and documented; {@code detail} is written
 * for the caller and never carries an exception message, a stack trace or health data.
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record Problem(String type, String title, int status, String detail, String instance, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://carechart.org/problems/";

    @RegisterForReflection
    public record FieldError(String field, String message) {
    }
}
