package org.carechart.common;

import java.util.List;

/** The stable problem types Carechart answers with. Clients switch on {@link #uri()}. */
public enum ProblemType {
    BAD_REQUEST(400, "bad-request", "Bad request"),
    MALFORMED_JSON(400, "malformed-json", "Malformed JSON"),
    VALIDATION(400, "validation", "Invalid request"),
    UNSUPPORTED_GRANT_TYPE(400, "unsupported-grant-type", "Unsupported grant type"),
    UNAUTHORIZED(401, "unauthorized", "Authentication required"),
    INVALID_GRANT(401, "invalid-grant", "Invalid grant"),
    FORBIDDEN(403, "forbidden", "Not allowed"),
    NOT_FOUND(404, "not-found", "Not found"),
    METHOD_NOT_ALLOWED(405, "method-not-allowed", "Method not allowed"),
    NOT_ACCEPTABLE(406, "not-acceptable", "Not acceptable"),
    CONFLICT(409, "conflict", "Conflict"),
    GONE(410, "gone", "Gone"),
    PRECONDITION_FAILED(412, "precondition-failed", "Precondition failed"),
    PAYLOAD_TOO_LARGE(413, "payload-too-large", "Payload too large"),
    UNSUPPORTED_MEDIA_TYPE(415, "unsupported-media-type", "Unsupported media type"),
    UNPROCESSABLE(422, "unprocessable", "Unprocessable request"),
    LOCKED(423, "locked", "Locked"),
    PRECONDITION_REQUIRED(428, "precondition-required", "Precondition required"),
    TOO_MANY_REQUESTS(429, "too-many-requests", "Too many requests"),
    INTERNAL(500, "internal", "Internal error"),
    UNAVAILABLE(503, "unavailable", "Service unavailable");

    private final int status;
    private final String slug;
    private final String title;

    ProblemType(int status, String slug, String title) {
        this.status = status;
        this.slug = slug;
        this.title = title;
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String uri() {
        return Problem.TYPE_BASE + slug;
    }

    public Problem problem(String detail, String instance, List<Problem.FieldError> errors) {
        return new Problem(uri(), title, status, detail, instance, errors);
    }

    public static ProblemType forStatus(int status) {
        for (ProblemType type : values()) {
            if (type.status == status && type != MALFORMED_JSON && type != VALIDATION) {
                return type;
            }
        }
        return status >= 500 ? INTERNAL : BAD_REQUEST;
    }
}
