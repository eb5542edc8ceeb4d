package dev.athanor.core.net;

import dev.athanor.llm.http.VendorClient;
import io.micronaut.context.annotation.Prototype;
import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import jakarta.inject.Named;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * How the HTTP clients for users' URLs resolve host names ({@link VendorClient#guarded()}): through the SSRF guard,
 * which resolves the name, judges every address and hands back only addresses it let pass, so the connection is
 * made to an address checked at that moment. A refused host fails the connection with
 * {@link dev.athanor.model.net.RefusedAddressException} before any packet is sent. TLS still checks the certificate
 * against the host name of the URL: only the socket address comes from here.
 *
 * <p>A new group per client (Netty closes a client's group with the client).
 */
@Prototype
@Named(VendorClient.GUARDED_RESOLVER)
public class GuardedAddressResolverGroup extends AddressResolverGroup<InetSocketAddress> {

    private final OutboundUrlGuard guard;

    public GuardedAddressResolverGroup(OutboundUrlGuard guard) {
        this.guard = guard;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new GuardedNameResolver(executor, guard).asAddressResolver();
    }

    /** Resolves as the JVM would (a blocking lookup, as Netty's default resolver does), then judges the answer. */
    private static final class GuardedNameResolver extends InetNameResolver {

        private final OutboundUrlGuard guard;

        GuardedNameResolver(EventExecutor executor, OutboundUrlGuard guard) {
            super(executor);
            this.guard = guard;
        }

        @Override
        protected void doResolve(String host, Promise<InetAddress> promise) {
            try {
                promise.setSuccess(guard.addresses(host).get(0));
            } catch (UnknownHostException | RuntimeException e) {
                promise.setFailure(e);
            }
        }

        @Override
        protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
            try {
                promise.setSuccess(guard.addresses(host));
            } catch (UnknownHostException | RuntimeException e) {
                promise.setFailure(e);
            }
        }
    }
}
