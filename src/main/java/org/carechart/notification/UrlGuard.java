package org.carechart.notification;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.ProblemException;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;

/**
 * Keeps webhooks from reaching into our own network (SSRF): https only, and every address the host
 * resolves to must be public. Checked at registration and again before every attempt, since DNS
 * answers change. Plain-http loopback is allowed only when configured (tests).
 */
@ApplicationScoped
public class UrlGuard {

    @Inject
    NotificationConfig config;

    /** Fails with a 400 problem naming the field when the URL may not receive webhooks. */
    public Uni<URI> check(String raw) {
        boolean allowLoopback = config.webhooks().allowLoopback();
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException | NullPointerException e) {
            return Uni.createFrom().failure(ProblemException.invalid("url", "is not a URL"));
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        String host = uri.getHost();
        if (!scheme.equals("https") && !(allowLoopback && scheme.equals("http"))) {
            return Uni.createFrom().failure(ProblemException.invalid("url", "must be an https URL"));
        }
        if (host == null || host.isBlank() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return Uni.createFrom().failure(ProblemException.invalid("url", "must name a host, with no user info or fragment"));
        }
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return Uni.createFrom().item(() -> resolve(bareHost))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool())
                .map(addresses -> {
                    for (InetAddress address : addresses) {
                        String refusal = refusal(address, allowLoopback);
                        if (refusal != null) {
                            throw ProblemException.invalid("url", refusal);
                        }
                        if (scheme.equals("http") && !address.isLoopbackAddress()) {
                            throw ProblemException.invalid("url", "must be an https URL");
                        }
                    }
                    return uri;
                });
    }

    private static InetAddress[] resolve(String host) {
        try {
            return InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            throw ProblemException.invalid("url", "host does not resolve");
        }
    }

    /** Why this address may not receive webhooks, or null when it may. */
    static String refusal(InetAddress address, boolean allowLoopback) {
        if (address.isLoopbackAddress()) {
            return allowLoopback ? null : "must not point to a loopback address";
        }
        if (address.isAnyLocalAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isMulticastAddress()) {
            return "must point to a public address";
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            boolean reserved = first == 0                                  // this network
                    || (first == 100 && second >= 64 && second < 128)      // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19))    // benchmarking
                    || first >= 240;                                       // reserved, broadcast
            return reserved ? "must point to a public address" : null;
        }
        if (address instanceof Inet6Address) {
            boolean uniqueLocal = (b[0] & 0xfe) == 0xfc;                   // fc00::/7
            boolean siteLocal = (b[0] & 0xff) == 0xfe && (b[1] & 0xc0) == 0xc0;
            boolean mappedOrCompatible = true;                             // ::ffff:a.b.c.d and ::a.b.c.d
            for (int i = 0; i < 10; i++) {
                mappedOrCompatible &= b[i] == 0;
            }
            if (mappedOrCompatible) {
                try {
                    return refusal(InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]}), false);
                } catch (UnknownHostException e) {
                    return "must point to a public address";
                }
            }
            return uniqueLocal || siteLocal ? "must point to a public address" : null;
        }
        return "must point to a public address";
    }
}
