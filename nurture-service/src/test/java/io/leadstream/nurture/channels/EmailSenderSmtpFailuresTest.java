package io.leadstream.nurture.channels;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.util.List;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;

import io.leadstream.nurture.messages.ChannelUnavailableException;
import io.leadstream.nurture.messages.RecipientRejectedException;
import io.vertx.ext.mail.SMTPException;

/** What an SMTP failure means for the message: refused for good, or try again later. A plain unit test. */
class EmailSenderSmtpFailuresTest {

    private static SMTPException reply(int code, String... lines) {
        return new SMTPException("sending RCPT TO command failed", code, List.of(lines), true);
    }

    @Test
    void shouldRejectWhenTheServerRefusesTheRecipientOrTheMessage() {
        assertThat(EmailSender.translate(reply(550, "550 5.1.1 <nobody@example.com>: Recipient address rejected")))
                .isInstanceOf(RecipientRejectedException.class)
                .hasMessageContaining("5.1.1");
        assertThat(EmailSender.translate(reply(552, "5.2.2 Mailbox full"))).isInstanceOf(RecipientRejectedException.class);
        assertThat(EmailSender.translate(reply(553, "mailbox name not allowed")))
                .isInstanceOf(RecipientRejectedException.class);
        assertThat(EmailSender.translate(reply(554, "5.3.4 Message too big"))).isInstanceOf(RecipientRejectedException.class);
    }

    @Test
    void shouldBeUnavailableWhenTheProblemIsTheServersOrOurs() {
        assertThat(EmailSender.translate(reply(451, "4.3.0 Try again later")))
                .isInstanceOf(ChannelUnavailableException.class);
        assertThat(EmailSender.translate(reply(421, "Service not available")))
                .isInstanceOf(ChannelUnavailableException.class);
        assertThat(EmailSender.translate(reply(535, "5.7.8 Authentication credentials invalid")))
                .isInstanceOf(ChannelUnavailableException.class);
        assertThat(EmailSender.translate(reply(550, "5.7.1 Relaying denied")))
                .isInstanceOf(ChannelUnavailableException.class);
        assertThat(EmailSender.translate(new RuntimeException(new ConnectException("Connection refused"))))
                .isInstanceOf(ChannelUnavailableException.class)
                .hasMessage("the mail server is unreachable (connection refused)");
        assertThat(EmailSender.translate(new TimeoutException("no answer from the SMTP server within PT30S")))
                .isInstanceOf(ChannelUnavailableException.class);
    }

    @Test
    void shouldTakeTheMessageIdDomainFromTheFromAddress() {
        assertThat(EmailSender.domainOf("Leadstream <no-reply@leadstream.local>")).isEqualTo("leadstream.local");
        assertThat(EmailSender.domainOf("sales@acme.example")).isEqualTo("acme.example");
        assertThat(EmailSender.domainOf("Leadstream")).isEqualTo("leadstream");
    }
}
