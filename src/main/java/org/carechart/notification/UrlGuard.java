package org.carechart.notification;

import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.IpAddresses;
import org.carechart.common.ProblemException;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Keeps webhooks from reaching into our own network (SSRF). https only; the host is a name or a
 * strict IP literal (never an ambiguous number such as {@code 0177.0.0.1} or {@code 2130706433});
 * a name is resolved once and <em>every</em> address must be public; the dispatcher then connects
 * to exactly the address checked here ({@link Target#address()}), with the name as Host and TLS
 * server name, so a DNS answer that changes in between (rebinding) cannot redirect it. Checked at
 * registration and again before every attempt. Plain-http loopback only when configured (tests).
 */
@ApplicationScoped
public class UrlGuard {

    /** A checked URL and the address to connect to for it. */
    public record Target(URI uri, InetAddress address, int port) {
    }

    /**
     * Never a webhook receiver: IPv4 special-purpose blocks (RFC 6890 and successors), and IPv6 blocks
     * that are local, special, or embed an IPv4 address in a way a gateway would translate
     * (NAT64, 6to4, Teredo, IPv4-translated, IPv4-compatible).
     */
    static final List<IpAddresses.Block> REFUSED = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.31.196.0/24", "192.52.193.0/24", "192.88.99.0/24", "192.168.0.0/16",
            "192.175.48.0/24", "198.18.0.0/15", "198.51.100.0/24", "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/96",                 // unspecified, loopback, IPv4-compatible (deprecated)
            "::ffff:0:0/96",         // IPv4-mapped (the JDK reads most as IPv4; kept for completeness)
            "::ffff:0:0:0/96",       // IPv4-translated (RFC 2765)
            "64:ff9b::/96",          // NAT64 well-known prefix (RFC 6052)
            "64:ff9b:1::/48",        // local-use NAT64 (RFC 8215)
            "100::/64",              // discard-only (RFC 6666)
            "2001::/23",             // IETF protocol assignments, Teredo 2001::/32 among them
            "2001:db8::/32",         // documentation
            "2002::/16",             // 6to4
            "3fff::/20",             // documentation (RFC 9637)
            "5f00::/16",             // segment routing SIDs (RFC 9602)
            "fc00::/7",              // unique local
            "fe80::/10",             // link-local
            "fec0::/10",             // site-local (deprecated)
            "ff00::/8"               // multicast
    ).stream().map(IpAddresses.Block::parse).toList();

    private static final List<IpAddresses.Block> LOOPBACK = List.of(
            IpAddresses.Block.parse("127.0.0.0/8"), IpAddresses.Block.parse("::1/128"));

    @Inject
    NotificationConfig config;

    @Inject
    HostResolver resolver;

    /** Fails with a 400 problem naming the field when the URL may not receive webhooks. */
    public Uni<Target> check(String raw) {
        boolean allowLoopback = config.webhooks().allowLoopback();
        URI uri;
        try {
            uri = new URI(raw);
        } catch (URISyntaxException | NullPointerException e) {
            return refused("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !(allowLoopback && scheme.equals("http"))) {
            return refused("must be an https URL");
        }
        String authorityHost = hostOf(uri.getRawAuthority());
        if (authorityHost != null && IpAddresses.ambiguousNumeric(authorityHost)) {
            return refused("must name its host by name or as a plain IP address (four decimal numbers, or IPv6)");
        }
        String host = uri.getHost();
        if (host == null || host.isBlank() || uri.getRawUserInfo() != null || uri.getRawFragment() != null) {
            return refused("must name a host, with no user info or fragment");
        }
        String bareHost = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        boolean literal = host.startsWith("[") || bareHost.indexOf(':') < 0 && IpAddresses.literal(bareHost).isPresent();
        if (host.startsWith("[") && IpAddresses.literal(bareHost).isEmpty()) {
            return refused("is not a URL"); // zone ids and other odd IPv6 forms
        }
        int port = uri.getPort() != -1 ? uri.getPort() : scheme.equals("https") ? 443 : 80;
        Uni<InetAddress[]> addresses = literal
                ? Uni.createFrom().item(new InetAddress[]{IpAddresses.literal(bareHost).orElseThrow()})
                : Uni.createFrom().item(() -> resolve(bareHost)).runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
        final URI checked = uri;
        return addresses.map(all -> {
            for (InetAddress address : all) {
                String refusal = refusal(address, allowLoopback);
                if (refusal != null) {
                    throw ProblemException.invalid("url", refusal);
                }
                if (scheme.equals("http") && !isLoopback(address)) {
                    throw ProblemException.invalid("url", "must be an https URL");
                }
            }
            return new Target(checked, all[0], port);
        });
    }

    private InetAddress[] resolve(String host) {
        try {
            InetAddress[] all = resolver.resolve(host);
            if (all.length == 0) {
                throw ProblemException.invalid("url", "host does not resolve");
            }
            return all;
        } catch (UnknownHostException e) {
            throw ProblemException.invalid("url", "host does not resolve");
        }
    }

    /** Why this address may not receive webhooks, or null when it may. */
    static String refusal(InetAddress address, boolean allowLoopback) {
        if (isLoopback(address)) {
            return allowLoopback ? null : "must not point to a loopback address";
        }
        for (IpAddresses.Block block : REFUSED) {
            if (block.contains(address)) {
                return "must point to a public address";
            }
        }
        if (!(address instanceof Inet4Address) && address.getAddress().length != 16) {
            return "must point to a public address";
        }
        return null;
    }

    private static boolean isLoopback(InetAddress address) {
        return LOOPBACK.stream().anyMatch(block -> block.contains(address));
    }

    /** The host part of a raw authority ("user@host:port", "[v6]:port"), as written. */
    private static String hostOf(String authority) {
        if (authority == null) {
            return null;
        }
        String rest = authority.substring(authority.lastIndexOf('@') + 1);
        if (rest.startsWith("[")) {
            return null;
        }
        int colon = rest.lastIndexOf(':');
        return colon < 0 ? rest : rest.substring(0, colon);
    }

    private static <T> Uni<T> refused(String why) {
        return Uni.createFrom().failure(ProblemException.invalid("url", why));
    }
}
