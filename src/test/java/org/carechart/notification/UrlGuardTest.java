package org.carechart.notification;

import org.carechart.common.IpAddresses;
import org.carechart.common.ProblemException;
import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

/** The address rules outside the test profile, where loopback is refused too (issue 11, "Webhook SSRF gaps"). */
class UrlGuardTest {

    @Test
    void privateLinkLocalLoopbackAndReservedAddressesAreRefused() throws Exception {
        for (String address : new String[]{"127.0.0.1", "::1", "10.1.2.3", "172.16.5.4", "192.168.0.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "fd00::1", "fe80::1", "::ffff:10.0.0.1",
                "::ffff:127.0.0.1", "198.18.0.1"}) {
            assertNotNull(UrlGuard.refusal(InetAddress.getByName(address), false), address);
        }
    }

    @Test
    void nat64SixToFourTranslatedMappedCompatibleAndDocumentationAddressesAreRefused() throws Exception {
        for (String address : new String[]{
                "64:ff9b::7f00:1", "64:ff9b::a9fe:a9fe", "64:ff9b::a00:1", "64:ff9b::c0a8:101", "64:ff9b::808:808",
                "64:ff9b:1::7f00:1", "64:ff9b:1:ffff::1",
                "2002:7f00:1::1", "2002:a00:1::1", "2002:c0a8:101::1", "2002:808:808::1",
                "::ffff:0:7f00:1", "::ffff:0:a00:1", "::ffff:0:a9fe:a9fe",
                "::ffff:7f00:1", "::ffff:a9fe:a9fe", "::ffff:c0a8:101",
                "::7f00:1", "::a00:1", "::",
                "2001::1", "2001:0:4136:e378:8000:63bf:3fff:fdd2", "2001:db8::1", "2001:db8:ffff::1", "3fff::1",
                "192.0.2.1", "198.51.100.7", "203.0.113.9", "192.88.99.1", "192.0.0.8",
                "fec0::1", "ff02::1", "100::1", "5f00::1"}) {
            // As the guard reads a URL's literal: an IPv4-mapped form stays IPv6 (the JDK would make it IPv4).
            InetAddress parsed = IpAddresses.literal(address).orElseThrow();
            assertNotNull(UrlGuard.refusal(parsed, false), address);
            assertNotNull(UrlGuard.refusal(parsed, true), address + " (loopback allowed)");
        }
    }

    @Test
    void publicAddressesAreAccepted() throws Exception {
        for (String address : new String[]{"93.184.215.14", "8.8.8.8", "2606:4700:4700::1111", "::ffff:8.8.8.8",
                "2a00:1450:4001:82b::200e", "192.0.1.1", "198.20.0.1", "203.0.114.1"}) {
            assertNull(UrlGuard.refusal(InetAddress.getByName(address), false), address);
        }
    }

    @Test
    void loopbackOnlyWhenAllowed() throws Exception {
        assertNull(UrlGuard.refusal(InetAddress.getByName("127.0.0.1"), true));
        assertNotNull(UrlGuard.refusal(InetAddress.getByName("10.0.0.1"), true));
    }

    @Test
    void ambiguousNumericHostsAreRefusedWithoutAskingTheResolver() {
        CountingResolver resolver = new CountingResolver("93.184.215.14");
        UrlGuard guard = guard(resolver);
        for (String url : List.of("https://0177.0.0.1/hook", "https://0x7f.1/hook", "https://2130706433/hook",
                "https://127.1/hook", "https://0x7f000001/hook", "https://017700000001/hook", "https://0x7f.0.0.1/hook",
                "https://1.2.3.04/hook", "https://93.184.215.014/hook", "https://example.0x1/hook", "https://example.123/hook",
                "https://[::ffff:0177.0.0.1]/hook", "https://[64:ff9b::7f00:1]/hook", "https://[2002:7f00:1::1]/hook",
                "https://[::ffff:0:7f00:1]/hook", "https://[64:ff9b::a9fe:a9fe]/hook", "https://[fe80::1%25eth0]/hook",
                "https://192.0.2.10/hook", "https://[2001:db8::10]/hook")) {
            ProblemException refused = assertThrows(ProblemException.class, () -> guard.check(url).await().indefinitely(), url);
            assertEquals("url", refused.toProblem(null).errors().get(0).field(), url);
        }
        assertEquals(0, resolver.calls.get(), "no numeric host reached the resolver");
    }

    @Test
    void aNameIsResolvedOnceAndTheCheckedAddressIsTheOneToConnectTo() throws Exception {
        // The second answer would be a rebinding to loopback: it must never be asked for.
        CountingResolver resolver = new CountingResolver("93.184.215.14", "127.0.0.1");
        UrlGuard.Target target = guard(resolver).check("https://hooks.example.org:8443/in").await().indefinitely();
        assertEquals(InetAddress.getByName("93.184.215.14"), target.address());
        assertEquals(8443, target.port());
        assertEquals("hooks.example.org", target.uri().getHost());
        assertEquals(1, resolver.calls.get());
    }

    @Test
    void aNameWithAnyPrivateAddressIsRefused() {
        UrlGuard guard = guard(new CountingResolver("93.184.215.14", "10.0.0.1") {
            @Override
            public InetAddress[] resolve(String host) throws UnknownHostException {
                calls.incrementAndGet();
                return new InetAddress[]{InetAddress.getByName("93.184.215.14"), InetAddress.getByName("64:ff9b::a00:1")};
            }
        });
        assertThrows(ProblemException.class, () -> guard.check("https://hooks.example.org/in").await().indefinitely());
    }

    static class CountingResolver extends HostResolver {
        final AtomicInteger calls = new AtomicInteger();
        private final List<String> answers;

        CountingResolver(String... answers) {
            this.answers = new ArrayList<>(List.of(answers));
        }

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            int call = calls.getAndIncrement();
            if (call >= answers.size()) {
                fail("resolved more often than expected");
            }
            return new InetAddress[]{InetAddress.getByName(answers.get(call))};
        }
    }

    private static UrlGuard guard(HostResolver resolver) {
        UrlGuard guard = new UrlGuard();
        guard.resolver = resolver;
        guard.config = new NotificationConfig() {
            public Duration ticketTtl() { return Duration.ofSeconds(30); }
            public Duration pingInterval() { return Duration.ofSeconds(25); }
            public String channel() { return "carechart_inbox"; }
            public Duration listenerReconnectDelay() { return Duration.ofSeconds(1); }
            public Webhooks webhooks() {
                return new Webhooks() {
                    public boolean allowLoopback() { return false; }
                    public List<Duration> retrySchedule() { return List.of(); }
                    public Duration timeout() { return Duration.ofSeconds(10); }
                    public String pollInterval() { return "2s"; }
                    public int batchSize() { return 20; }
                    public Duration lease() { return Duration.ofSeconds(60); }
                };
            }
        };
        return guard;
    }
}
