package org.carechart.common;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;

/**
 * An opaque keyset cursor: the sort key and id of the last item a page returned. Clients pass it
 * back unchanged; anything else is a 400 with the field named.
 */
public record Cursor(Instant at, UUID id) {

    /** Seconds and microseconds apart, so any instant encodes (a product in microseconds could overflow). */
    public String encode() {
        String raw = at.getEpochSecond() + "." + at.getNano() / 1000 + "|" + id;
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    public static Cursor decode(String token) {
        if (token == null || token.isBlank()) {
            return null;
        }
        try {
            String raw = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
            int bar = raw.indexOf('|');
            String time = raw.substring(0, bar);
            int dot = time.indexOf('.');
            Instant at;
            if (dot < 0) {
                // Cursors issued before: epoch microseconds.
                long micros = Long.parseLong(time);
                at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
            } else {
                long micros = Long.parseLong(time.substring(dot + 1));
                if (micros < 0 || micros >= 1_000_000L) {
                    throw new IllegalArgumentException("micros");
                }
                at = Instant.ofEpochSecond(Long.parseLong(time.substring(0, dot)), micros * 1000L);
            }
            return new Cursor(at, UUID.fromString(raw.substring(bar + 1)));
        } catch (RuntimeException e) {
            throw ProblemException.invalid("cursor", "is not a cursor this service issued");
        }
    }
}
