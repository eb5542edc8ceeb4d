package dev.athanor.testkit;

import dev.athanor.model.net.HostResolver;
import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;

/**
 * The host resolver of test contexts ({@code athanor.test.fake-dns}, set by {@link TestFunctions}), so that no test
 * depends on real DNS: {@code localhost} is 127.0.0.1, names under the reserved {@code .invalid} do not resolve, a
 * name a test gave answers with {@link #answer} is resolved to them, and any other name stands for
 * {@value #PUBLIC_ADDRESS}, a documentation address outside every private range. Literal addresses are never asked
 * here: the outbound URL rule reads them itself.
 */
@Singleton
@Replaces(HostResolver.class)
@Requires(property = "athanor.test.fake-dns", value = "true")
public class FakeDns implements HostResolver {

    public static final String PUBLIC_ADDRESS = "203.0.113.10";

    private final Map<String, Deque<List<InetAddress>>> answers = new ConcurrentHashMap<>();

    /**
     * What {@code host} resolves to from now on, one answer per lookup in turn, the last one for every later lookup.
     * Each answer is one or more addresses separated by commas.
     */
    public void answer(String host, String... inTurn) {
        Deque<List<InetAddress>> queue = new ConcurrentLinkedDeque<>();
        for (String answer : inTurn) {
            List<InetAddress> addresses = new ArrayList<>();
            for (String address : answer.split(",")) {
                try {
                    addresses.add(InetAddress.getByName(address.strip())); // literals only: no lookup
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException("Not an address: " + address, e);
                }
            }
            queue.add(List.copyOf(addresses));
        }
        answers.put(host.toLowerCase(Locale.ROOT), queue);
    }

    @Override
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String name = host.toLowerCase(Locale.ROOT);
        Deque<List<InetAddress>> queue = answers.get(name);
        if (queue != null) {
            List<InetAddress> next = queue.size() > 1 ? queue.pollFirst() : queue.peekFirst();
            if (next != null) {
                return next;
            }
        }
        if (name.equals("localhost")) {
            return List.of(InetAddress.getByName("127.0.0.1"));
        }
        if (name.endsWith(".invalid") || name.equals("invalid")) {
            throw new UnknownHostException(host);
        }
        return List.of(InetAddress.getByName(PUBLIC_ADDRESS));
    }
}
