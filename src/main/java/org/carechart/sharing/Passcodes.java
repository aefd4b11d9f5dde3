package org.carechart.sharing;

import org.carechart.common.OffTheEventLoop;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;


/**
 * Share-link passcodes, hashed with bcrypt (cost 10, the salt inside the hash). Bcrypt is slow on
 * purpose, so it runs on a worker thread; the result comes back on the caller's Vert.x context,
 * where the reactive session lives, before the session is touched again.
 */
@ApplicationScoped
class Passcodes {

    /**
     * A hash that matches no passcode, verified against when there is nothing real to compare, so
     * both answers take as long. Made at run time, on first use and on a worker thread: a static
     * initialiser would be run at build time and baked into a native image.
     */
    private volatile String noMatch;

    Uni<String> hash(String passcode) {
        return OffTheEventLoop.run(() -> BcryptUtil.bcryptHash(passcode));
    }

    Uni<Boolean> matches(String passcode, String hash) {
        return OffTheEventLoop.run(() -> BcryptUtil.matches(passcode, hash == null ? noMatch() : hash));
    }

    private String noMatch() {
        String made = noMatch;
        if (made == null) {
            // Two first callers at once may both make one; either is as good.
            made = BcryptUtil.bcryptHash("carechart: no passcode matches this");
            noMatch = made;
        }
        return made;
    }
}
