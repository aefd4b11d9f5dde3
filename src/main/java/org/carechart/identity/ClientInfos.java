package org.carechart.identity;

import io.vertx.core.http.HttpServerRequest;

/** Where a request came from, for the audit trail; the user agent is cut so a huge header cannot bloat it. */
public final class ClientInfos {

    private static final int MAX_AGENT = 256;

    private ClientInfos() {
    }

    public static Caller.ClientInfo of(HttpServerRequest request) {
        if (request == null) {
            return Caller.ClientInfo.UNKNOWN;
        }
        String address = request.remoteAddress() == null ? null : request.remoteAddress().hostAddress();
        String agent = request.getHeader("User-Agent");
        return new Caller.ClientInfo(address, agent == null ? null : agent.substring(0, Math.min(agent.length(), MAX_AGENT)));
    }
}
