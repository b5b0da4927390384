package io.leadstream.nurture.channels.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.messages.ChannelNotConfiguredException;
import io.leadstream.nurture.messages.ChannelUnavailableException;
import io.leadstream.nurture.messages.Outgoing;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;

/**
 * A channel nobody configured fails fast, as "not configured" (a {@link ChannelUnavailableException}, which sending
 * reports), and calls no one: the senders are given no HTTP client at all here.
 */
class UnconfiguredSendersTest {

    private static <T> T mapping(Class<T> type, Map<String, String> values) {
        // Quarkus' converter reads durations as "10s", as application.properties writes them
        SmallRyeConfig config = new SmallRyeConfigBuilder().withMapping(type).withDefaultValues(values)
                .withConverter(Duration.class, 200, new DurationConverter()).build();
        return config.getConfigMapping(type);
    }

    private static Outgoing message(Channel channel) {
        return new Outgoing(UUID.randomUUID(), UUID.randomUUID(), channel, "+4915112345678", "Ada", null, null,
                "Hello", Map.of());
    }

    @Test
    void shouldFailFastAsNotConfiguredWhenWhatsAppHasNoAccessToken() {
        WhatsAppConfig config = mapping(WhatsAppConfig.class,
                Map.of("leadstream.nurture.whatsapp.phone-number-id", "106540352242922"));
        WhatsAppSender sender = new WhatsAppSender(null, config, new ObjectMapper(), Clock.systemUTC());

        Throwable failure = catchThrowable(() -> sender.send(message(Channel.WHATSAPP)).await()
                .atMost(Duration.ofSeconds(5)));

        assertThat(sender.configured()).isFalse();
        assertThat(failure).isInstanceOf(ChannelNotConfiguredException.class)
                .isInstanceOf(ChannelUnavailableException.class)
                .hasMessageContaining("WhatsApp is not configured")
                .hasMessageContaining("leadstream.nurture.whatsapp.access-token");
        assertThat(((ChannelUnavailableException) failure).channel()).isEqualTo(Channel.WHATSAPP);
    }

    @Test
    void shouldFailFastAsNotConfiguredWhenSmsHasNoGateway() {
        SmsConfig config = mapping(SmsConfig.class, Map.of("leadstream.nurture.sms.api-key", "key",
                "leadstream.nurture.sms.sender", "Leadstream"));
        SmsSender sender = new SmsSender(null, config, Clock.systemUTC());

        Throwable failure = catchThrowable(() -> sender.send(message(Channel.SMS)).await()
                .atMost(Duration.ofSeconds(5)));

        assertThat(sender.configured()).isFalse();
        assertThat(failure).isInstanceOf(ChannelNotConfiguredException.class)
                .hasMessageContaining("SMS is not configured")
                .hasMessageContaining("leadstream.nurture.sms.base-url");
    }

    @Test
    void shouldReadTheDefaultsOfAnUnconfiguredChannel() {
        WhatsAppConfig whatsApp = mapping(WhatsAppConfig.class, Map.of());

        assertThat(whatsApp.baseUrl()).isEqualTo("https://graph.facebook.com");
        assertThat(whatsApp.apiVersion()).isEqualTo("v21.0");
        assertThat(whatsApp.timeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(whatsApp.retry().maxRetries()).isEqualTo(2);
        assertThat(whatsApp.circuitBreaker().requestVolumeThreshold()).isEqualTo(10);
        assertThat(whatsApp.circuitBreaker().failureRatio()).isEqualTo(0.5);
        assertThat(whatsApp.circuitBreaker().delay()).isEqualTo(Duration.ofSeconds(30));
    }
}
