package org.carechart.common;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Weak-free, strong ETags derived from what identifies a representation's version. */
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
    public static Response okOrNotModified(Request request, EntityTag tag, Object body) {
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.tag(tag).build();
        }
        return Response.ok(body).tag(tag).build();
    }
}
