package org.carechart.common;

import io.smallrye.mutiny.Uni;

import java.util.List;
import java.util.function.Supplier;

/** Thrown by any layer to answer with a problem document; mapped once, in {@link ProblemMapper}. */
public class ProblemException extends RuntimeException {

    private final ProblemType type;
    private final String detail;
    private final List<Problem.FieldError> errors;
    private final transient Supplier<Uni<Void>> afterRollback;

    public ProblemException(ProblemType type, String detail) {
        this(type, detail, List.of());
    }

    public ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors) {
        this(type, detail, errors, null);
    }

    private ProblemException(ProblemType type, String detail, List<Problem.FieldError> errors,
                             Supplier<Uni<Void>> afterRollback) {
        super(type.slug(), null, false, false);
        this.type = type;
        this.detail = detail;
        this.errors = List.copyOf(errors);
        this.afterRollback = afterRollback;
    }

    /**
     * The same refusal, with a step that runs once the failed unit of work has rolled back and given
     * its connection back, before the answer leaves: how a denial is recorded outside the failed
     * transaction without the request ever holding two connections. {@link ProblemMapper} runs it.
     */
    public ProblemException afterRollback(Supplier<Uni<Void>> step) {
        return new ProblemException(type, detail, errors, step);
    }

    /** The step to run after the rollback, or null. */
    public Supplier<Uni<Void>> afterRollback() {
        return afterRollback;
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
