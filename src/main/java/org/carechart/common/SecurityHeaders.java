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

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::mark);
    }

    private void mark(RoutingContext ctx) {
        String path = ctx.normalizedPath();
        ctx.response().putHeader("Content-Security-Policy", path != null && path.startsWith("/q/") ? HTML_POLICY : API_POLICY);
        if (ctx.request().isSSL()) {
            ctx.response().putHeader("Strict-Transport-Security", HSTS);
        }
        ctx.next();
    }
}
