package org.carechart.common;

import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Content-Security-Policy on every answer (the API's JSON may load and be framed by nothing; the
 * only HTML, Swagger UI when it is on, loads only from here and may not be framed either), and HSTS
 * (RFC 6797) on answers given over TLS, and only there: a plain-http answer cannot promise https.
 */
@ApplicationScoped
public class SecurityHeaders {

    static final String HSTS = "max-age=31536000; includeSubDomains";
    static final String API_POLICY = "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
    static final String HTML_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; "
            + "script-src 'self' 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    /**
     * The consent page (/oauth2/authorize, server-rendered): inline styles only, never framed. No
     * form-action: approving posts here and is then redirected to the app's own redirect URI, which a
     * browser would otherwise refuse to follow.
     */
    static final String CONSENT_POLICY = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'";

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::mark);
    }

    private void mark(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        ctx.response().putHeader("Content-Security-Policy", policy(path));
        if (ctx.request().isSSL()) {
            ctx.response().putHeader("Strict-Transport-Security", HSTS);
        }
        ctx.next();
    }

    static String policy(String path) {
        if (path == null) {
            return API_POLICY;
        }
        return path.startsWith("/q/") ? HTML_POLICY : path.startsWith("/oauth2/authorize") ? CONSENT_POLICY : API_POLICY;
    }
}
