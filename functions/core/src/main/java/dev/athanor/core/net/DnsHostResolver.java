package dev.athanor.core.net;

import dev.athanor.model.net.HostResolver;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;

/** Resolves with the JVM's resolver, as the HTTP clients that later connect will. Literal addresses need no lookup. */
@Singleton
public class DnsHostResolver implements HostResolver {

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        return Arrays.asList(InetAddress.getAllByName(host));
    }
}
