package dev.athanor.core.net;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

/** {@code athanor.security.*} settings of calls made on a user's behalf. */
@ConfigurationProperties("athanor.security")
public interface OutboundUrlConfiguration {

    /**
     * Whether user-given URLs may point at loopback or private addresses (env
     * {@code ATHANOR_SECURITY_ALLOW_PRIVATE_URLS}). Off in the cloud; the local platform turns it on because local
     * model servers listen on localhost. Link-local and metadata addresses stay forbidden either way.
     */
    @Bindable(defaultValue = "false")
    boolean isAllowPrivateUrls();
}
