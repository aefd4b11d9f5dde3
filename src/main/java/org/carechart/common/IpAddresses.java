package org.carechart.common;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * IP address literals read strictly, without DNS: IPv4 only as four decimal octets with no
 * leading zeros, IPv6 only in its RFC 4291 text forms. Anything a resolver or browser might read
 * as a number in another way ({@code 0177.0.0.1}, {@code 0x7f.1}, {@code 2130706433}, {@code 127.1})
 * is {@linkplain #ambiguousNumeric ambiguous}, so callers refuse it rather than guess.
 */
public final class IpAddresses {

    private static final Pattern OCTET = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+");
    private static final Pattern NUMERIC_LABEL = Pattern.compile("[0-9]+|0[xX][0-9A-Fa-f]*");

    private IpAddresses() {
    }

    /** The address a literal names, or empty when it is not a strict literal (a host name, or an ambiguous number). */
    public static Optional<InetAddress> literal(String text) {
        if (text == null || text.isEmpty()) {
            return Optional.empty();
        }
        String bare = text.startsWith("[") && text.endsWith("]") ? text.substring(1, text.length() - 1) : text;
        if (bare.indexOf(':') >= 0) {
            if (!IPV6.matcher(bare).matches()) {
                return Optional.empty(); // zone ids (%eth0) and anything else odd
            }
            int lastColon = bare.lastIndexOf(':');
            String tail = bare.substring(lastColon + 1);
            if (tail.indexOf('.') >= 0 && strictIpv4(tail) == null) {
                return Optional.empty(); // ::ffff:0177.0.0.1
            }
            return Optional.ofNullable(byAddressText(bare));
        }
        return Optional.ofNullable(strictIpv4(bare));
    }

    /**
     * A host that a URL parser would read as an IPv4 number although it is not four plain decimal
     * octets: its last label is a number (decimal, octal or hex), as in the WHATWG URL standard's
     * "ends in a number" rule.
     */
    public static boolean ambiguousNumeric(String host) {
        if (host == null || host.isEmpty() || host.indexOf(':') >= 0) {
            return false;
        }
        String h = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        String last = h.substring(h.lastIndexOf('.') + 1);
        return NUMERIC_LABEL.matcher(last).matches() && strictIpv4(h) == null;
    }

    private static InetAddress strictIpv4(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            if (!OCTET.matcher(parts[i]).matches()) {
                return null;
            }
            int value = Integer.parseInt(parts[i]);
            if (value > 255) {
                return null;
            }
            bytes[i] = (byte) value;
        }
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /**
     * RFC 4291 text to an address that stays IPv6 even when it is IPv4-mapped (the JDK would turn
     * {@code ::ffff:a.b.c.d} into an IPv4 address, and callers must be able to tell the forms apart).
     */
    private static InetAddress byAddressText(String ipv6) {
        byte[] bytes = ipv6Bytes(ipv6);
        if (bytes == null) {
            return null;
        }
        try {
            return Inet6Address.getByAddress(null, bytes, -1);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static byte[] ipv6Bytes(String text) {
        int doubleColon = text.indexOf("::");
        if (doubleColon >= 0 && text.indexOf("::", doubleColon + 1) >= 0) {
            return null;
        }
        String head = doubleColon < 0 ? text : text.substring(0, doubleColon);
        String tail = doubleColon < 0 ? "" : text.substring(doubleColon + 2);
        java.util.List<Integer> front = groups(head);
        java.util.List<Integer> back = groups(tail);
        if (front == null || back == null) {
            return null;
        }
        int total = front.size() + back.size();
        if (doubleColon < 0 ? total != 8 : total > 7) {
            return null;
        }
        byte[] bytes = new byte[16];
        int at = 0;
        for (int group : front) {
            bytes[at++] = (byte) (group >> 8);
            bytes[at++] = (byte) group;
        }
        at = 16 - back.size() * 2;
        for (int group : back) {
            bytes[at++] = (byte) (group >> 8);
            bytes[at++] = (byte) group;
        }
        return bytes;
    }

    /** Hex groups separated by colons; a last part in dotted IPv4 counts as two groups. */
    private static java.util.List<Integer> groups(String part) {
        java.util.List<Integer> groups = new java.util.ArrayList<>();
        if (part.isEmpty()) {
            return groups;
        }
        String[] pieces = part.split(":", -1);
        for (int i = 0; i < pieces.length; i++) {
            String piece = pieces[i];
            if (i == pieces.length - 1 && piece.indexOf('.') >= 0) {
                InetAddress v4 = strictIpv4(piece);
                if (v4 == null) {
                    return null;
                }
                byte[] b = v4.getAddress();
                groups.add(((b[0] & 0xff) << 8) | (b[1] & 0xff));
                groups.add(((b[2] & 0xff) << 8) | (b[3] & 0xff));
            } else {
                if (piece.isEmpty() || piece.length() > 4 || !piece.matches("[0-9A-Fa-f]+")) {
                    return null;
                }
                groups.add(Integer.parseInt(piece, 16));
            }
        }
        return groups;
    }

    /** A CIDR block ("10.0.0.0/8", "64:ff9b::/96", or a single address). */
    public record Block(byte[] base, int bits) {

        public static Block parse(String cidr) {
            String text = cidr.trim();
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash))
                    .orElseThrow(() -> new IllegalArgumentException("not an IP address or CIDR block: " + cidr));
            int max = address.getAddress().length * 8;
            int bits = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            if (bits < 0 || bits > max) {
                throw new IllegalArgumentException("bad prefix length: " + cidr);
            }
            return new Block(address.getAddress(), bits);
        }

        public boolean contains(InetAddress address) {
            byte[] candidate = address.getAddress();
            if (candidate.length != base.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (candidate[i] != base[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (candidate[full] & mask) == (base[full] & mask);
        }

        public boolean isIpv4() {
            return base.length == 4;
        }
    }

    public static boolean isIpv4(InetAddress address) {
        return address instanceof Inet4Address;
    }
}
