package dev.athanor.local.services;

import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.blobstore.BlobStore;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.gaul.s3proxy.nio2blob.TransientNio2BlobStore;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/** S3Proxy, an S3-compatible server, in this JVM: objects in memory or in a directory. */
public final class EmbeddedS3 implements AutoCloseable {

    private final S3Proxy proxy;
    private final URI endpoint;

    private EmbeddedS3(S3Proxy proxy) {
        this.proxy = proxy;
        this.endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
    }

    /** @param dataDir where objects are kept, or {@code null} for in-memory */
    public static EmbeddedS3 start(Path dataDir, String accessKey, String secretKey) throws Exception {
        BlobStore store;
        if (dataDir == null) {
            store = new TransientNio2BlobStore();
        } else {
            Files.createDirectories(dataDir);
            // S3Proxy's filesystem store matches listed paths against root.resolve(prefix).toAbsolutePath(): with a
            // relative root (the default ./.athanor/s3) the root is applied twice and every prefix listing is empty
            store = new FilesystemNio2BlobStore(dataDir.toAbsolutePath().normalize().toString());
        }
        S3Proxy proxy = S3Proxy.builder()
                .blobStore(store)
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                .build();
        proxy.start();
        while (!"STARTED".equals(proxy.getState())) {
            Thread.sleep(10);
        }
        return new EmbeddedS3(proxy);
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() throws Exception {
        proxy.stop();
    }
}
