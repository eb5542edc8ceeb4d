package dev.athanor.model.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Port: the addresses a host name stands for (a literal address stands for itself). DNS lives behind it. */
@FunctionalInterface
public interface HostResolver {

    List<InetAddress> resolve(String host) throws UnknownHostException;
}
