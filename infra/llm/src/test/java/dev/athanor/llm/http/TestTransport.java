package dev.athanor.llm.http;

/** One standalone vendor client for the tests of a JVM: each client owns event loop threads. */
public final class TestTransport {

    public static final VendorClient CLIENT = VendorClient.standalone();

    private TestTransport() {
    }
}
