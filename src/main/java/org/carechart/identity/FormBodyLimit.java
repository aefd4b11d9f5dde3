package org.carechart.identity;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.carechart.common.Problem;
import org.carechart.common.ProblemType;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The OAuth form endpoints take a few short fields, so a body over 16 KB is refused before it is
 * read: one 413 problem and at most one short log line a minute (an unauthenticated client must not
 * be able to fill the log). Without the check the form parser refused a 1 MB password once per chunk,
 * logging each time, and answered 500. A body without Content-Length is refused the same way.
 */
@ApplicationScoped
public class FormBodyLimit {

    private static final Logger LOG = Logger.getLogger(FormBodyLimit.class);
    static final long MAX_FORM_BYTES = 16 * 1024;

    @Inject
    ObjectMapper json;

    private final AtomicLong lastLog = new AtomicLong();
    private final AtomicLong suppressed = new AtomicLong();

    void install(@Observes Router router) {
        router.route(HttpMethod.POST, "/api/v1/auth/*").order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long bytes;
        try {
            bytes = length == null ? -1 : Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            bytes = -1;
        }
        if (bytes >= 0 && bytes <= MAX_FORM_BYTES) {
            ctx.next();
            return;
        }
        long now = System.currentTimeMillis();
        long last = lastLog.get();
        if (now - last > 60_000 && lastLog.compareAndSet(last, now)) {
            LOG.infof("Refused a %s body on %s (limit %d bytes; %d more refused since the last line)",
                    bytes < 0 ? "chunked or unsized" : bytes + "-byte", ctx.normalizedPath(), MAX_FORM_BYTES, suppressed.getAndSet(0));
        } else {
            suppressed.incrementAndGet();
        }
        try {
            byte[] body = json.writeValueAsBytes(ProblemType.PAYLOAD_TOO_LARGE.problem(bytes < 0
                    ? "Send the form with a Content-Length of at most " + MAX_FORM_BYTES + " bytes."
                    : "The form is larger than " + MAX_FORM_BYTES + " bytes.", ctx.normalizedPath(), List.of()));
            ctx.response().setStatusCode(413)
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .putHeader(HttpHeaders.CONNECTION, "close") // the unread body must not be taken for the next request
                    .end(Buffer.buffer(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.response().setStatusCode(413).putHeader(HttpHeaders.CONNECTION, "close").end();
        }
    }
}
