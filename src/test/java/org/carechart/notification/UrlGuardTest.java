package org.carechart.notification;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The address rules outside the test profile, where loopback is refused too. */
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
    void publicAddressesAreAccepted() throws Exception {
        for (String address : new String[]{"93.184.215.14", "8.8.8.8", "2606:4700:4700::1111"}) {
            assertNull(UrlGuard.refusal(InetAddress.getByName(address), false), address);
        }
    }

    @Test
    void loopbackOnlyWhenAllowed() throws Exception {
        assertNull(UrlGuard.refusal(InetAddress.getByName("127.0.0.1"), true));
        assertNotNull(UrlGuard.refusal(InetAddress.getByName("10.0.0.1"), true));
    }
}
