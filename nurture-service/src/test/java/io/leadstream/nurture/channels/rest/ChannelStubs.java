package io.leadstream.nurture.channels.rest;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * The WhatsApp Cloud API and the SMS gateway as one real HTTP server: WireMock on a free port on 127.0.0.1, with both
 * adapters configured and pointed at it. Tests stub answers and verify requests on {@link #server()}.
 */
public class ChannelStubs implements QuarkusTestResourceLifecycleManager {

    public static final String PHONE_NUMBER_ID = "106540352242922";
    static final String ACCESS_TOKEN = "test-whatsapp-token";
    static final String SMS_API_KEY = "test-sms-key";
    static final String SMS_SENDER = "Leadstream";

    private static volatile WireMockServer server;

    @Override
    public Map<String, String> start() {
        server = new WireMockServer(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        String url = "http://127.0.0.1:" + server.port();
        return Map.of(
                "leadstream.nurture.whatsapp.base-url", url,
                "leadstream.nurture.whatsapp.phone-number-id", PHONE_NUMBER_ID,
                "leadstream.nurture.whatsapp.access-token", ACCESS_TOKEN,
                "leadstream.nurture.sms.base-url", url + "/sms",
                "leadstream.nurture.sms.api-key", SMS_API_KEY,
                "leadstream.nurture.sms.sender", SMS_SENDER);
    }

    public static WireMockServer server() {
        WireMockServer current = server;
        if (current == null || !current.isRunning()) {
            throw new IllegalStateException("no running ChannelStubs in this test JVM");
        }
        return current;
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }
}
