package org.carechart.common;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.List;

/**
 * Problem documents for what is refused before a request reaches a resource: an oversized body
 * (checked from Content-Length, before it is read) and the HTTP layer's own error answers.
 */
@ApplicationScoped
public class HttpProblemRoutes {

    @Inject
    ObjectMapper json;

    @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
    MemorySize maxBodySize;

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(this::refuseOversizedBody);
        router.errorHandler(404, ctx -> send(ctx, ProblemType.NOT_FOUND, "No such resource, or it is not yours to see."));
        router.errorHandler(405, ctx -> send(ctx, ProblemType.METHOD_NOT_ALLOWED, "This resource does not support that method."));
        router.errorHandler(413, ctx -> send(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than allowed."));
        router.errorHandler(415, ctx -> send(ctx, ProblemType.UNSUPPORTED_MEDIA_TYPE, "This resource does not accept that media type."));
    }

    private void refuseOversizedBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > maxBodySize.asLongValue()) {
                    send(ctx, ProblemType.PAYLOAD_TOO_LARGE, "The request body is larger than allowed.");
                    return;
                }
            } catch (NumberFormatException e) {
                send(ctx, ProblemType.BAD_REQUEST, "Content-Length is not a number.");
                return;
            }
        }
        ctx.next();
    }

    private void send(RoutingContext ctx, ProblemType type, String detail) {
        if (ctx.response().headWritten()) {
            return;
        }
        try {
            byte[] body = json.writeValueAsBytes(type.problem(detail, ctx.normalizedPath(), List.of()));
            if (type == ProblemType.PAYLOAD_TOO_LARGE) {
                // The unread body would otherwise be taken for the next request.
                ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            }
            ctx.response().setStatusCode(type.status())
                    .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                    .end(io.vertx.core.buffer.Buffer.buffer(body));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            ctx.response().setStatusCode(type.status()).end();
        }
    }
}
