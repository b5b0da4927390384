package io.leadstream.scoring.enrichment;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The credit-check provider as a real HTTP server: WireMock on a free port on 127.0.0.1, with the credit check turned
 * on and pointed at it. A test stubs answers and verifies requests on {@link #server()}; it can take the provider
 * down ({@link #stopServer()}: connections refused) and bring it back on the same port ({@link #startServer()}).
 */
public class CreditProviderStub implements QuarkusTestResourceLifecycleManager {

    private static volatile WireMockServer server;
    private static volatile int port;

    @Override
    public Map<String, String> start() {
        server = newServer(0);
        port = server.port();
        return Map.of(
                "leadstream.scoring.credit-check.enabled", "true",
                "leadstream.scoring.credit-check.url", "http://127.0.0.1:" + port);
    }

    private static WireMockServer newServer(int fixedPort) {
        WireMockConfiguration options = WireMockConfiguration.options().bindAddress("127.0.0.1");
        WireMockServer wireMock = new WireMockServer(fixedPort == 0 ? options.dynamicPort() : options.port(fixedPort));
        wireMock.start();
        return wireMock;
    }

    public static WireMockServer server() {
        WireMockServer current = server;
        if (current == null || !current.isRunning()) {
            throw new IllegalStateException("no running CreditProviderStub in this test JVM");
        }
        return current;
    }

    /** The provider goes away: connections to its port are refused until {@link #startServer()}. */
    public static synchronized void stopServer() {
        server().stop();
    }

    /** The provider is back on the same port, with no stubs and an empty request journal. */
    public static synchronized void startServer() {
        if (server == null || !server.isRunning()) {
            server = newServer(port);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
