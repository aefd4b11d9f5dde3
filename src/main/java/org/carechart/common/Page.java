package org.carechart.common;

import io.quarkus.runtime.annotations.RegisterForReflection;
import java.util.List;

/** One page of a cursor-paged list; {@code nextCursor} is absent on the last page. */
@RegisterForReflection
public record Page<T>(List<T> items, String nextCursor) {

    public static final int DEFAULT_LIMIT = 20;
    public static final int MAX_LIMIT = 100;

    /** Validates a client's {@code limit}: absent means the default, beyond the maximum is a 400. */
    public static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return requested;
    }
}
