package org.carechart.identity;

import org.eclipse.microprofile.jwt.JsonWebToken;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Tokens whose signature and claims have been verified, until their {@code exp}. Keyed by the
 * SHA-256 of the token, so no bearer token is kept as a key. Bounded: when full, expired entries go
 * first, and if that is not enough the cache starts again empty (a verification per token is the
 * worst case, as without the cache).
 */
final class VerifiedTokens {

    static final int DEFAULT_CAPACITY = 20_000;

    private record Entry(JsonWebToken token, long expiresAtSecond) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
    private final int capacity;
    Clock clock = Clock.systemUTC();

    VerifiedTokens(int capacity) {
        this.capacity = capacity;
    }

    JsonWebToken get(String token) {
        if (token == null) {
            return null;
        }
        String key = key(token);
        Entry entry = entries.get(key);
        if (entry == null) {
            return null;
        }
        if (clock.instant().getEpochSecond() >= entry.expiresAtSecond()) {
            entries.remove(key, entry);
            return null;
        }
        return entry.token();
    }

    void put(String token, JsonWebToken verified) {
        long exp = verified.getExpirationTime();
        if (exp <= clock.instant().getEpochSecond()) {
            return;
        }
        if (entries.size() >= capacity) {
            long now = clock.instant().getEpochSecond();
            entries.values().removeIf(e -> e.expiresAtSecond() <= now);
            if (entries.size() >= capacity) {
                entries.clear();
            }
        }
        entries.put(key(token), new Entry(verified, exp));
    }

    int size() {
        return entries.size();
    }

    private static String key(String token) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
