package org.carechart.notification;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Test-only resolver: names under {@code .rebind.test} (which no real resolver knows) resolve to
 * loopback here, and only here. A delivery to such a name arrives only if the dispatcher connects to
 * the address the guard resolved and checked, instead of resolving the name a second time.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class RebindingTestResolver extends HostResolver {

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        if (host.endsWith(".rebind.test")) {
            return new InetAddress[]{InetAddress.getByAddress(host, new byte[]{127, 0, 0, 1})};
        }
        return super.resolve(host);
    }
}
