package org.carechart.ratelimit;

import io.smallrye.mutiny.Uni;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.carechart.common.BearerSecrets;
import org.carechart.common.IpAddresses;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Counts requests against the configured quotas, in PostgreSQL so that every instance sees the
 * same counts: one statement per request, whatever the number of policies. Subjects (addresses,
 * usernames, link tokens, account ids) are stored only as hashes. If the database cannot answer,
 * the request is let through: the request itself needs the database and fails on its own.
 */
@ApplicationScoped
public class RateLimiter {

    private static final Logger LOG = Logger.getLogger(RateLimiter.class);

    /** The policies, by the names the RateLimit-Policy field uses. */
    public enum Policy {
        TOKEN_ADDRESS("token-address"), TOKEN_ACCOUNT("token-account"), SHARE_ADDRESS("share-address"),
        SHARE_LINK("share-link"), API_ADDRESS("api-address"), API_ACCOUNT("api-account");

        private final String label;

        Policy(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** One policy applied to one subject. */
    public record Ask(Policy policy, String subject) {
    }

    @Inject
    RateLimitConfig config;

    @Inject
    RateLimitRepository repository;

    private List<IpAddresses.Block> exempt = List.of();
    private final AtomicLong lastFailureLog = new AtomicLong();

    @PostConstruct
    void readExemptions() {
        exempt = config.exemptAddresses().orElse(List.of()).stream()
                .filter(s -> !s.isBlank()).map(IpAddresses.Block::parse).toList();
    }

    public boolean enabled() {
        return config.enabled();
    }

    /** Whether requests from this address are never counted. */
    public boolean exempt(String clientAddress) {
        if (!config.enabled()) {
            return true;
        }
        if (exempt.isEmpty() || clientAddress == null) {
            return false;
        }
        InetAddress address = IpAddresses.literal(clientAddress).orElse(null);
        return address != null && exempt.stream().anyMatch(block -> block.contains(address));
    }

    /** Counts one request from {@code clientAddress} under each of the asks; allowed only if all allow it. */
    public Uni<Verdict> check(String clientAddress, Ask... asks) {
        if (asks.length == 0 || exempt(clientAddress)) {
            return Uni.createFrom().item(Verdict.UNLIMITED);
        }
        List<RateLimitRepository.Bucket> buckets = new ArrayList<>(asks.length);
        for (Ask ask : asks) {
            RateLimitConfig.Policy policy = policy(ask.policy());
            long windowMicros = policy.window().toNanos() / 1000;
            long interval = Math.max(1, windowMicros / Math.max(1, policy.limit()));
            buckets.add(new RateLimitRepository.Bucket(ask.policy().label() + ":" + hash(ask.subject()), interval, windowMicros));
        }
        return repository.take(buckets)
                .map(states -> {
                    List<Quota> quotas = new ArrayList<>(asks.length);
                    for (int i = 0; i < asks.length; i++) {
                        quotas.add(quota(asks[i].policy(), buckets.get(i), states.get(buckets.get(i).key())));
                    }
                    return new Verdict(quotas);
                })
                .onFailure().recoverWithItem(failure -> {
                    long now = System.currentTimeMillis();
                    long last = lastFailureLog.get();
                    if (now - last > 60_000 && lastFailureLog.compareAndSet(last, now)) {
                        LOG.warnf("Rate limits not counted: the database did not answer (%s)", failure.getClass().getSimpleName());
                    }
                    return Verdict.UNLIMITED;
                });
    }

    private Quota quota(Policy name, RateLimitRepository.Bucket bucket, RateLimitRepository.State state) {
        RateLimitConfig.Policy policy = policy(name);
        long window = bucket.windowMicros();
        long interval = bucket.intervalMicros();
        long ahead = state == null ? interval : Math.max(0, state.aheadMicros());
        long reset = ceilSeconds(ahead);
        long windowSeconds = Math.max(1, ceilSeconds(window));
        if (state == null || state.allowed()) {
            int remaining = (int) Math.max(0, Math.min(policy.limit(), (window - ahead) / interval));
            return new Quota(name.label(), policy.limit(), windowSeconds, true, remaining, reset, 0);
        }
        long retryAfter = Math.max(1, ceilSeconds(ahead - (window - interval)));
        return new Quota(name.label(), policy.limit(), windowSeconds, false, 0, reset, retryAfter);
    }

    private RateLimitConfig.Policy policy(Policy name) {
        return switch (name) {
            case TOKEN_ADDRESS -> config.tokenPerAddress();
            case TOKEN_ACCOUNT -> config.tokenPerAccount();
            case SHARE_ADDRESS -> config.sharePerAddress();
            case SHARE_LINK -> config.sharePerLink();
            case API_ADDRESS -> config.apiPerAddress();
            case API_ACCOUNT -> config.apiPerAccount();
        };
    }

    private static long ceilSeconds(long micros) {
        return micros <= 0 ? 0 : (micros + 999_999) / 1_000_000;
    }

    private static String hash(String subject) {
        byte[] digest = BearerSecrets.sha256(subject == null ? "" : subject);
        return HexFormat.of().formatHex(digest, 0, 16);
    }
}
