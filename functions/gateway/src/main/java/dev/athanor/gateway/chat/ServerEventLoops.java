package dev.athanor.gateway.chat;

import io.micronaut.http.netty.channel.EventLoopGroupRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import jakarta.inject.Singleton;

/** The application's default event loops: those of the Netty server and of the vendor client. */
@Singleton
final class ServerEventLoops {

    private final EventLoopGroup group;

    ServerEventLoops(EventLoopGroupRegistry registry) {
        this.group = registry.getDefaultEventLoopGroup();
    }

    /** The event loop the calling thread runs, or null when it runs none of them. */
    EventExecutor current() {
        for (EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                return loop;
            }
        }
        return null;
    }
}
