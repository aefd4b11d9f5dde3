package org.carechart.common;

import java.util.List;

/** Thrown by any layer to answer with a problem document; mapped once, in {@link ProblemMapper}. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detail;
    private final List<Problem.FieldError> errors;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        super(type.slug(), null, false, false);
        this.type = type;
        this.detail = detail;
        this.errors = List.copyOf(errors);
    }

    public ProblemType type() {
        return type;
    }

    public Problem toProblem(String instance) {
        return type.problem(detail, instance, errors);
    }

    public static ProblemException notFound() {
        return new ProblemException(ProblemType.NOT_FOUND, "No such resource, or it is not yours to see.");
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(ProblemType.FORBIDDEN, detail);
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(ProblemType.BAD_REQUEST, detail);
    }

    public static ProblemException invalid(String field, String message) {
        return new ProblemException(ProblemType.VALIDATION, "The request has invalid fields.",
                List.of(new Problem.FieldError(field, message)));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(ProblemType.CONFLICT, detail);
    }
}
