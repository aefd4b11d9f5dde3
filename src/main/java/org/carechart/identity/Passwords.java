package org.carechart.identity;

import org.carechart.common.OffTheEventLoop;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;

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
        return OffTheEventLoop.run(() -> safeMatches(password, against) && known);
    }

    public Uni<String> hash(String password) {
        return OffTheEventLoop.run(() -> BcryptUtil.bcryptHash(password));
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
}
