package org.carechart.notification;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;

@ConfigMapping(prefix = "carechart.notification")
public interface NotificationConfig {

    /** How long a WebSocket ticket from POST /ws-ticket may wait for its connection. */
    @WithDefault("PT30S")
    Duration ticketTtl();

    /** Pings (WebSocket) and comments (SSE) keep idle connections open through proxies. */
    @WithDefault("PT25S")
    Duration pingInterval();

    /** The channel the inbox trigger notifies on; the listener subscribes to it. */
    @WithDefault("carechart_inbox")
    String channel();

    /** How long the listener waits before reconnecting after its connection is lost. */
    @WithDefault("PT1S")
    Duration listenerReconnectDelay();

    Webhooks webhooks();

    interface Webhooks {

        /** Plain-http loopback URLs: for tests only. Everything else must be https to a public address. */
        @WithDefault("false")
        boolean allowLoopback();

        /**
         * The delay before each retry after a failed attempt; after the last one the delivery fails.
         * The default follows Standard Webhooks and spans more than a day.
         */
        @WithDefault("PT5S,PT5M,PT30M,PT2H,PT5H,PT10H,PT10H")
        List<Duration> retrySchedule();

        /** How long one attempt may take. */
        @WithDefault("PT10S")
        Duration timeout();

        /** How often the dispatcher looks for due deliveries (a Quarkus scheduler interval). */
        @WithDefault("2s")
        String pollInterval();

        /** How many due deliveries one dispatcher pass claims. */
        @WithDefault("20")
        int batchSize();

        /** How long a claimed delivery is hidden from other dispatchers while its attempt runs. */
        @WithDefault("PT60S")
        Duration lease();
    }
}
