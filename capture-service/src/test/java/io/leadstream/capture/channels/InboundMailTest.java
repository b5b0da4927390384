package io.leadstream.capture.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;

/** Real sample messages (src/test/resources/mail) read as capture reads a mail from the alias mailbox or webhook. */
public class InboundMailTest {

    public static byte[] sample(String name) {
        try (InputStream in = InboundMailTest.class.getResourceAsStream("/mail/" + name)) {
            return in.readAllBytes();
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("no sample mail " + name, e);
        }
    }

    @Test
    void shouldReadTheSenderSubjectAndPlainTextOfAMultipartAlternative() {
        InboundMail mail = InboundMail.parse(sample("multipart-alternative.eml"));

        assertThat(mail.messageId()).isEqualTo("CAF-multipart-1@mail.example.org");
        assertThat(mail.fromAddress()).isEqualTo("Hedy.Lamarr@Example.org");
        assertThat(mail.fromName()).isEqualTo("Hedy Lamarr");
        assertThat(mail.subject()).isEqualTo("Anfrage: Solaranlage für 20 Paneele");
        assertThat(mail.sentAt()).isEqualTo(Instant.parse("2026-12-01T08:30:00Z"));
        // the text/plain part, not the HTML one
        assertThat(mail.text()).startsWith("Hello,\n\nwe would like a quote for 20 panels on our workshop roof in Zürich.")
                .contains("-- \nHedy Lamarr\nHead of Facilities\nFrequency Hopping Ltd").doesNotContain("<p>");
        assertThat(mail.attachments()).isEmpty();
        assertThat(mail.ignoredBecause()).isNull();
        assertThat(mail.isReply()).isFalse();
        assertThat(mail.textLength()).isEqualTo(mail.text().codePointCount(0, mail.text().length()));
    }

    @Test
    void shouldConvertAnHtmlOnlyMailInItsCharsetToText() {
        InboundMail mail = InboundMail.parse(sample("html-only.eml"));

        assertThat(mail.fromName()).isEqualTo("Jean Dupont");
        assertThat(mail.text()).isEqualTo("Bonjour,\nnous voulons un devis pour une pompe à chaleur – café compris.\n"
                + "Merci\nJean Dupont\nDupont Chauffage SARL\n+33 1 42 68 53 00");
        assertThat(mail.text()).doesNotContain("alert").doesNotContain("color");
    }

    @Test
    void shouldDecodeLatin1AndShiftJisTextAndEncodedWords() {
        InboundMail latin1 = InboundMail.parse(sample("latin1.eml"));
        assertThat(latin1.fromName()).isEqualTo("Jürgen Müller");
        assertThat(latin1.subject()).isEqualTo("Rückruf bitte");
        assertThat(latin1.text()).contains("Grüße aus Köln").contains("Müller Haustechnik GmbH");

        InboundMail sjis = InboundMail.parse(sample("shift-jis.eml"));
        assertThat(sjis.fromName()).isEqualTo("山田 太郎");
        assertThat(sjis.subject()).isEqualTo("見積もり依頼");
        assertThat(sjis.text()).startsWith("お世話になっております。\n見積もりをお願いします。").contains("株式会社サンプル");
    }

    @Test
    void shouldKeepAttachmentsAsTypeAndSizeOnly() {
        InboundMail mail = InboundMail.parse(sample("attachments.eml"));

        assertThat(mail.fromName()).isNull();
        assertThat(mail.text()).isEqualTo("Please find the floor plan attached.");
        assertThat(mail.attachments()).containsExactly(new InboundMail.Attachment("application/pdf", 9 + 1024),
                new InboundMail.Attachment("image/png", 108));
        assertThat(mail.toString()).doesNotContain("floor-plan").doesNotContain("logo.png");
    }

    @Test
    void shouldTellMachineTrafficByItsHeaders() {
        assertThat(InboundMail.parse(sample("auto-reply.eml")).ignoredBecause()).isEqualTo("auto-submitted");
        assertThat(InboundMail.parse(sample("bounce.eml")).ignoredBecause()).isEqualTo("empty-return-path");
        assertThat(InboundMail.parse(sample("list.eml")).ignoredBecause()).isEqualTo("mailing-list");
        assertThat(InboundMail.parse(mail("Content-Type: multipart/report; report-type=delivery-status; boundary=x\r\n",
                "--x\r\nContent-Type: text/plain\r\n\r\nfailed\r\n--x--\r\n")).ignoredBecause())
                .isEqualTo("delivery-report");
        assertThat(InboundMail.parse(mail("Precedence: bulk\r\n", "news")).ignoredBecause()).isEqualTo("bulk");
        // Auto-Submitted: no is a person's mail
        assertThat(InboundMail.parse(mail("Auto-Submitted: no\r\n", "hello")).ignoredBecause()).isNull();
        assertThat(InboundMail.parse(sample("multipart-alternative.eml")).ignoredBecause()).isNull();
    }

    @Test
    void shouldNameTheMessageOfOursAReplyAnswers() {
        InboundMail mail = InboundMail.parse(sample("reply.eml"));

        assertThat(mail.isReply()).isTrue();
        assertThat(mail.references()).containsExactly("older@example.org",
                "0b5e8f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b@leadstream.local");
        assertThat(mail.repliesTo()).containsExactly(UUID.fromString("0b5e8f3a-1c2d-4e5f-8a9b-0c1d2e3f4a5b"));
    }

    @Test
    void shouldStandInADigestForAMissingMessageIdAndRefuseAMailWithoutSender() {
        byte[] raw = ("From: someone@example.com\r\nSubject: hi\r\n\r\nhello\r\n").getBytes(StandardCharsets.US_ASCII);

        InboundMail mail = InboundMail.parse(raw);

        assertThat(mail.messageId()).isEqualTo("sha256:" + InboundMail.sha256(raw)).hasSize(7 + 64);
        assertThat(InboundMail.parse(raw).messageId()).isEqualTo(mail.messageId());
        assertThatThrownBy(() -> InboundMail.parse("Subject: hi\r\n\r\nhello\r\n".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(InboundMail.UnreadableMailException.class).hasMessageContaining("no sender");
        assertThatThrownBy(() -> InboundMail.parse("From: not an address <<>\r\n\r\nx".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(InboundMail.UnreadableMailException.class);
    }

    @Test
    void shouldReadAMisspelledCharsetAsUtf8InsteadOfFailing() {
        InboundMail mail = InboundMail.parse(("From: a@example.com\r\nContent-Type: text/plain; charset=utf-9\r\n\r\n"
                + "caf\u00e9\r\n").getBytes(StandardCharsets.UTF_8));

        assertThat(mail.text()).isEqualTo("café");
    }

    private static byte[] mail(String headers, String body) {
        return ("From: a@example.com\r\nMessage-ID: <" + UUID.randomUUID() + "@example.com>\r\n" + headers + "\r\n" + body)
                .getBytes(StandardCharsets.US_ASCII);
    }
}
