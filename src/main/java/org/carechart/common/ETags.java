package org.carechart.common;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Strong ETags derived from what identifies a representation's version, and the precondition headers that carry them. */
public final class ETags {

    private ETags() {
    }

    public static EntityTag of(Object... versionParts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Object part : versionParts) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return new EntityTag(HexFormat.of().formatHex(digest.digest(), 0, 16));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** 304 when the client's If-None-Match matches, otherwise 200 with the body and its ETag. */
    public static Response okOrNotModified(String ifNoneMatch, EntityTag tag, Object body) {
        if (matchesWeakly(ifNoneMatch, tag.getValue())) {
            return Response.notModified(tag).build();
        }
        return Response.ok(body).tag(tag).build();
    }

    /** If-None-Match: weak comparison (RFC 9110 13.1.2), so a W/ tag counts; {@code *} matches anything. */
    public static boolean matchesWeakly(String header, String tag) {
        return matches(header, tag, true);
    }

    /** If-Match: strong comparison (RFC 9110 13.1.1), so a W/ tag never matches a write; {@code *} matches anything. */
    public static boolean matchesStrongly(String header, String tag) {
        return matches(header, tag, false);
    }

    private static boolean matches(String header, String tag, boolean weakAllowed) {
        if (header == null) {
            return false;
        }
        for (String candidate : header.split(",")) {
            String value = candidate.trim();
            if (value.startsWith("W/")) {
                if (!weakAllowed) {
                    continue;
                }
                value = value.substring(2);
            }
            if (value.equals("*") || value.replace("\"", "").equals(tag)) {
                return true;
            }
        }
        return false;
    }
}
