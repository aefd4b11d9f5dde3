package org.carechart.common;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.annotation.Priority;
import jakarta.interceptor.AroundInvoke;
import jakarta.interceptor.Interceptor;
import jakarta.interceptor.InvocationContext;

/**
 * A request whose client goes away (a closed connection, {@code curl --max-time 0.01}) must end quietly.
 * Quarkus REST cancels the resource method's {@code Uni} when the connection closes; cancelling a unit of
 * work half-way leaves Hibernate Reactive with a live transaction on a session that is being closed
 * (HR000090, "Session is closed", an NPE in commit) and can keep the connection from going back to the pool.
 * <p>
 * So units of work are not cancelled: these interceptors sit just outside Panache's own (priority 200)
 * and subscribe to the unit of work independently of whoever asked for it. An abandoned request runs to
 * its end (commit, or roll back on failure) on its own connection, gives the connection back, and its
 * answer is dropped. Nothing is logged for it.
 */
public final class Abandoned {

    private Abandoned() {
    }

    /** The same work, not cancelled when its subscriber cancels: it finishes, and the result is dropped. */
    public static <T> Uni<T> runsToTheEnd(Uni<T> work) {
        return Uni.createFrom().emitter(emitter -> work.subscribe().with(emitter::complete, emitter::fail));
    }

    static Object intercept(InvocationContext context) throws Exception {
        Object result = context.proceed();
        return result instanceof Uni<?> uni ? runsToTheEnd(uni) : result;
    }

    @WithTransaction
    @Interceptor
    @Priority(Interceptor.Priority.PLATFORM_BEFORE + 199)
    public static class Transactions {
        @AroundInvoke
        Object intercept(InvocationContext context) throws Exception {
            return Abandoned.intercept(context);
        }
    }

    @WithSession
    @Interceptor
    @Priority(Interceptor.Priority.PLATFORM_BEFORE + 199)
    public static class Sessions {
        @AroundInvoke
        Object intercept(InvocationContext context) throws Exception {
            return Abandoned.intercept(context);
        }
    }
}
