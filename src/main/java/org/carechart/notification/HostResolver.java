package org.carechart.notification;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** The one place webhook host names are resolved (the system resolver); {@link UrlGuard} checks what it answers. */
@ApplicationScoped
public class HostResolver {

    public InetAddress[] resolve(String host) throws UnknownHostException {
        return InetAddress.getAllByName(host);
    }
}
