package io.leadstream.nurture.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.leadstream.chassis.testing.PostgresResource;
import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.messages.Delivery;
import io.leadstream.nurture.messages.Outgoing;
import io.leadstream.nurture.messages.RecipientRejectedException;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.MockMailbox;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import io.vertx.ext.mail.MailMessage;
import io.vertx.ext.mail.mailencoder.MailEncoder;

/**
 * The email adapter into Quarkus' mock mailbox (%test): what the message holds, and, through Vert.x' own MIME encoder
 * (the one the SMTP client uses), the header lines that would cross the wire. The real SMTP flow is GreenMail's test.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
class EmailSenderTest {

    static final String UNSUBSCRIBE = "<https://nurture.leadstream.local/unsubscribe?t=abc.def>, "
            + "<mailto:unsubscribe@leadstream.local?subject=abc.def>";

    @Inject
    EmailSender sender;
    @Inject
    MockMailbox mailbox;
    @Inject
    Vertx vertx;

    @BeforeEach
    void emptyMailbox() {
        mailbox.clear();
    }

    private static Outgoing email(UUID messageId, String to, String toName) {
        return new Outgoing(messageId, UUID.randomUUID(), Channel.EMAIL, to, toName, "Our new heat pump, Ada",
                "<p>Hello Ada,</p><p>meet the <b>HP-9</b>.</p>", "Hello Ada,\n\nmeet the HP-9.",
                Map.of("List-Unsubscribe", UNSUBSCRIBE, "List-Unsubscribe-Post", "List-Unsubscribe=One-Click"));
    }

    private Delivery send(Outgoing message) {
        return sender.send(message).await().atMost(Duration.ofSeconds(30));
    }

    @Test
    void shouldMailHtmlWithTextAlternativeUnsubscribeHeadersAndOurReference() {
        UUID messageId = UUID.randomUUID();

        Delivery delivery = send(email(messageId, "ada@example.com", "Ada Lovelace"));

        List<Mail> mails = mailbox.getMailsSentTo("ada@example.com");
        assertThat(mails).hasSize(1);
        Mail mail = mails.get(0);
        assertThat(mail.getFrom()).isEqualTo("Leadstream <no-reply@leadstream.local>");
        assertThat(mail.getSubject()).isEqualTo("Our new heat pump, Ada");
        assertThat(mail.getHtml()).isEqualTo("<p>Hello Ada,</p><p>meet the <b>HP-9</b>.</p>");
        assertThat(mail.getText()).isEqualTo("Hello Ada,\n\nmeet the HP-9.");
        assertThat(mail.getHeaders())
                .containsEntry("To", List.of("\"Ada Lovelace\" <ada@example.com>"))
                .containsEntry("List-Unsubscribe", List.of(UNSUBSCRIBE))
                .containsEntry("List-Unsubscribe-Post", List.of("List-Unsubscribe=One-Click"))
                .containsEntry("Message-ID", List.of("<" + messageId + "@leadstream.local>"))
                .containsEntry("X-Leadstream-Message-Id", List.of(messageId.toString()));
        assertThat(delivery.providerMessageId()).isEqualTo("<" + messageId + "@leadstream.local>");
        assertThat(delivery.acceptedAt()).isNotNull();
        assertThat(sender.channel()).isEqualTo(Channel.EMAIL);

        String wire = wire("ada@example.com");
        assertThat(wire.lines()).contains(
                "From: Leadstream <no-reply@leadstream.local>",
                "To: \"Ada Lovelace\" <ada@example.com>",
                "Subject: Our new heat pump, Ada",
                "Message-ID: <" + messageId + "@leadstream.local>",
                "X-Leadstream-Message-Id: " + messageId,
                "List-Unsubscribe: " + UNSUBSCRIBE,
                "List-Unsubscribe-Post: List-Unsubscribe=One-Click");
        assertThat(wire).contains("multipart/alternative").contains("text/plain").contains("text/html");
    }

    /** The message as the SMTP client would encode it for DATA. */
    private String wire(String to) {
        List<MailMessage> messages = mailbox.getMailMessagesSentTo(to);
        assertThat(messages).hasSize(1);
        return new MailEncoder(messages.get(0), "nurture.test").encode();
    }

    @Test
    void shouldEncodeANameBeyondAsciiAndKeepLineBreaksOutOfHeaders() {
        send(new Outgoing(UUID.randomUUID(), UUID.randomUUID(), Channel.EMAIL, "stefan@example.ro", "Ştefan Ionescu",
                "Bună ziua\r\nBcc: eve@example.com", "<p>Salut</p>", "Salut", Map.of()));

        Mail mail = mailbox.getMailsSentTo("stefan@example.ro").get(0);
        assertThat(mail.getHeaders().get("To")).containsExactly("=?UTF-8?B?xZ50ZWZhbiBJb25lc2N1?= <stefan@example.ro>");
        assertThat(mail.getSubject()).isEqualTo("Bună ziua  Bcc: eve@example.com");
        assertThat(wire("stefan@example.ro").lines()).noneMatch(line -> line.startsWith("Bcc:"));
        assertThat(mailbox.getMailsSentTo("eve@example.com")).isEmpty();
    }

    @Test
    void shouldQuoteANameWithSpecialsAndSendWithoutANameToTheBareAddress() {
        send(email(UUID.randomUUID(), "grace@example.com", "Hopper, Grace \"Amazing\""));
        send(email(UUID.randomUUID(), "alan@example.com", null));

        assertThat(mailbox.getMailsSentTo("grace@example.com").get(0).getHeaders().get("To"))
                .containsExactly("\"Hopper, Grace \\\"Amazing\\\"\" <grace@example.com>");
        assertThat(mailbox.getMailsSentTo("alan@example.com").get(0).getHeaders().get("To"))
                .containsExactly("alan@example.com");
    }

    @Test
    void shouldAnswerOnTheCallersVertxContext() throws Exception {
        Context caller = vertx.getOrCreateContext();
        CompletableFuture<Context> answeredOn = new CompletableFuture<>();

        caller.runOnContext(ignored -> sender.send(email(UUID.randomUUID(), "ada@example.com", "Ada")).subscribe().with(
                delivery -> answeredOn.complete(Vertx.currentContext()), answeredOn::completeExceptionally));

        assertThat(answeredOn.get(30, TimeUnit.SECONDS)).isSameAs(caller);
        assertThat(mailbox.getMailsSentTo("ada@example.com")).hasSize(1);
    }

    @Test
    void shouldRejectSomethingThatIsNotAnAddressWithoutMailing() {
        Throwable failure = catchThrowable(() -> send(email(UUID.randomUUID(), "ada@example.com\r\nBcc: x@y.z", "Ada")));

        assertThat(failure).isInstanceOf(RecipientRejectedException.class).hasMessageContaining("not an email address");
        assertThat(mailbox.getTotalMessagesSent()).isZero();
    }
}
