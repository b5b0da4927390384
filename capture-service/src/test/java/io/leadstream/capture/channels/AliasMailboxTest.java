package io.leadstream.capture.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Properties;
import java.util.UUID;

import jakarta.inject.Inject;
import jakarta.mail.Flags;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.store.StoredMessage;

import io.leadstream.capture.dedup.rest.LeadDeduplicationTest;
import io.leadstream.capture.testing.IdempotencyRows;
import io.leadstream.chassis.testing.PostgresResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;

/**
 * The alias mailbox end to end (issue 12): mails sent over SMTP to a real IMAP server (GreenMail) are read by
 * capture-service over IMAP, each handled once and then marked read: a new sender becomes a lead (lead.captured,
 * then lead.inquired), the same person's second mail an inquiry, an auto-reply is recorded and ignored.
 */
@QuarkusTest
@QuarkusTestResource(PostgresResource.class)
@QuarkusTestResource(AliasMailboxResource.class)
class AliasMailboxTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    IdempotencyRows rows;

    /** A sample as a person's mail client would send it to the alias, from {@code from}, with a Message-ID of its own. */
    private static void send(String sample, String originalFrom, String from, String messageId) throws Exception {
        send(sample, originalFrom, from, messageId, "+44 20 7946 0958");
    }

    private static void send(String sample, String originalFrom, String from, String messageId, String phone)
            throws Exception {
        String raw = new String(InboundMailTest.sample(sample), StandardCharsets.ISO_8859_1).replace(originalFrom, from)
                .replace("+44 20 7946 0958", phone).replaceFirst("Message-ID: <[^>]+>", "Message-ID: <" + messageId + ">");
        Properties smtp = new Properties();
        smtp.put("mail.smtp.host", "127.0.0.1");
        smtp.put("mail.smtp.port", String.valueOf(AliasMailboxResource.greenMail().getSmtp().getPort()));
        Session session = Session.getInstance(smtp);
        MimeMessage message = new MimeMessage(session, new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1))) {
            @Override
            protected void updateMessageID() {
                // keep the sample's Message-ID
            }
        };
        Transport.send(message, new InternetAddress[] {new InternetAddress(AliasMailboxResource.ALIAS)});
    }

    private static boolean seen(String messageId) throws Exception {
        return Arrays.stream(AliasMailboxResource.greenMail().getManagers().getImapHostManager()
                .getInbox(AliasMailboxResource.greenMail().getUserManager().getUser(AliasMailboxResource.ALIAS))
                .getMessages().toArray(StoredMessage[]::new))
                .filter(m -> {
                    try {
                        return ("<" + messageId + ">").equals(m.getMimeMessage().getMessageID());
                    } catch (Exception e) {
                        return false;
                    }
                })
                .anyMatch(m -> m.isSet(Flags.Flag.SEEN));
    }

    @Test
    void shouldTurnMailToTheAliasIntoALeadThenAnInquiryAndIgnoreAnAutoReply() throws Exception {
        String ada = "ada-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
        String first = UUID.randomUUID() + "@example.org";

        String phone = "+44 " + LeadDeduplicationTest.londonNumber().substring(1);
        send("multipart-alternative.eml", "Hedy.Lamarr@Example.org", ada, first, phone);

        await().atMost(WAIT).until(() -> (Long) rows.query("select count(*) from lead where email = $1", ada) == 1L);
        UUID leadId = (UUID) rows.query("select id from lead where email = $1", ada);
        assertThat(rows.query("select source || '/' || phone || '/' || company from lead where id = $1", leadId))
                .isEqualTo("email/" + phone.replace(" ", "") + "/Frequency Hopping Ltd");
        assertThat(rows.query("select count(*) from outbox_event where aggregate_id = $1 "
                + "and event_type = 'leadstream.lead.captured.v1'", leadId.toString())).isEqualTo(1L);
        await().atMost(WAIT).until(() -> seen(first));

        String second = UUID.randomUUID() + "@example.org";
        send("reply.eml", "ada.lovelace@example.org", ada, second);
        String autoReply = UUID.randomUUID() + "@example.org";
        send("auto-reply.eml", "ada.lovelace@example.org", ada, autoReply);

        await().atMost(WAIT).until(() -> seen(second) && seen(autoReply));
        assertThat(rows.query("select outcome from inbound_contact where external_id = $1", EmailInbox.key(second))).isEqualTo("INQUIRY");
        assertThat(rows.query("select outcome from inbound_contact where external_id = $1", EmailInbox.key(autoReply)))
                .isEqualTo("IGNORED");
        assertThat(rows.query("select count(*) from outbox_event where aggregate_id = $1 "
                + "and event_type = 'leadstream.lead.inquired.v1'", leadId.toString())).isEqualTo(2L);
        assertThat(rows.query("select count(*) from lead where email = $1", ada)).isEqualTo(1L);
    }
}
