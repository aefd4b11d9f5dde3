package org.carechart.identity;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executor;

/**
 * bcrypt, off the event loop. bcrypt is slow on purpose, so it runs on a worker thread, and the
 * result comes back on the caller's Vert.x context: the Hibernate Reactive session that follows
 * must be used from the thread that owns it.
 */
@ApplicationScoped
public class Passwords {

    /** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
    public static final int MAX_BYTES = 72;
    public static final int MIN_LENGTH = 12;

    /** Compared against when the username is unknown, so that answer takes as long as a wrong password. */
    private final String dummyHash = BcryptUtil.bcryptHash("carechart-no-such-account-" + System.nanoTime());

    public Uni<Boolean> matches(String password, String hash) {
        String against = hash == null || hash.isEmpty() ? dummyHash : hash;
        boolean known = hash != null && !hash.isEmpty();
        return offTheEventLoop(() -> safeMatches(password, against) && known);
    }

    public Uni<String> hash(String password) {
        return offTheEventLoop(() -> BcryptUtil.bcryptHash(password));
    }

    public static boolean fitsBcrypt(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    private static boolean safeMatches(String password, String hash) {
        try {
            return BcryptUtil.matches(password, hash);
        } catch (RuntimeException e) {
            // A malformed stored hash is a failed sign-in, not a 500.
            return false;
        }
    }

    private static <T> Uni<T> offTheEventLoop(java.util.function.Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> uni = Uni.createFrom().item(work).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        if (context == null) {
            return uni;
        }
        Executor back = task -> context.runOnContext(ignored -> task.run());
        return uni.emitOn(back);
    }
}
