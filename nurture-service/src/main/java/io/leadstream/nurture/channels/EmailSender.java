package io.leadstream.nurture.channels;

import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.nurture.templates.Channel;
import io.leadstream.nurture.messages.ChannelSender;
import io.leadstream.nurture.messages.ChannelUnavailableException;
import io.leadstream.nurture.messages.Delivery;
import io.leadstream.nurture.messages.Outgoing;
import io.leadstream.nurture.messages.RecipientRejectedException;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.vertx.ext.mail.SMTPException;
import io.smallrye.mutiny.Uni;

/**
 * Email over SMTP through Quarkus' reactive mailer ({@code quarkus.mailer.*} names the server). Each message has the
 * configured From, a To with the person's display name, the subject, the HTML body with the plain text as its
 * alternative, the caller's extra headers ({@code List-Unsubscribe}, {@code List-Unsubscribe-Post}) unchanged, and
 * nurture's own reference twice: {@code Message-ID: <messageId@domain>} (what a reply's {@code In-Reply-To} and
 * {@code References} name) and {@code X-Leadstream-Message-Id: messageId}. No retries here: a failed send is
 * {@link ChannelUnavailableException} (no connection, a timeout, a 4xx reply, a server or authentication problem) and
 * the caller may send again later; a 5xx reply that refuses the recipient or the message itself (550, 551, 552, 553,
 * enhanced status 5.1.x, 5.2.x, 5.3.4, 5.6.x) is {@link RecipientRejectedException}. A message the caller built
 * wrongly (no id, a header it may not set) fails with IllegalArgumentException or NullPointerException, as it is. The
 * answer comes on the caller's Vert.x context (the mailer's), so a caller's reactive session stays usable.
 */
@ApplicationScoped
public class EmailSender implements ChannelSender {

    /** Headers the adapter writes itself; a caller's header of these names is refused. */
    static final Set<String> OWN_HEADERS = Set.of("from", "to", "cc", "bcc", "subject", "message-id",
            "x-leadstream-message-id", "date", "mime-version", "content-type", "content-transfer-encoding");
    static final String REFERENCE_HEADER = "X-Leadstream-Message-Id";

    private static final Pattern FIELD_NAME = Pattern.compile("[!-9;-~]+");
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>(),;:\"\\[\\]\\\\@]+@[^\\s<>(),;:\"\\[\\]\\\\@]+");
    private static final Pattern ATOM_TEXT = Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~ .-]*");
    private static final Pattern ENHANCED_STATUS = Pattern.compile("^\\s*(?:\\d{3}[ -])?([245])\\.(\\d{1,3})\\.(\\d{1,3})\\b");

    private final ReactiveMailer mailer;
    private final MailConfig config;
    private final Clock clock;
    private final String messageIdDomain;

    public EmailSender(ReactiveMailer mailer, MailConfig config, Clock clock) {
        this.mailer = mailer;
        this.config = config;
        this.clock = clock;
        this.messageIdDomain = config.messageIdDomain().orElseGet(() -> domainOf(config.from()));
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Uni<Delivery> send(Outgoing message) {
        return Uni.createFrom().item(() -> mail(message))
                .onItem().transformToUni(mail -> mailer.send(mail)
                        .ifNoItem().after(config.timeout())
                        .failWith(() -> new TimeoutException("no answer from the SMTP server within "
                                + config.timeout().toMillis() + " ms"))
                        .replaceWith(() -> new Delivery(messageId(message), clock.instant())))
                .onFailure().transform(failure -> translate(failure));
    }

    /** {@code <messageId@domain>}, as the Message-ID header carries it and {@link Delivery} names it. */
    String messageId(Outgoing message) {
        return "<" + message.messageId() + "@" + messageIdDomain + ">";
    }

    Mail mail(Outgoing message) {
        if (message.channel() != Channel.EMAIL) {
            throw new IllegalArgumentException("EmailSender sends EMAIL messages, not " + message.channel());
        }
        String address = message.to() == null ? "" : message.to().strip();
        if (!ADDRESS.matcher(address).matches()) {
            throw new RecipientRejectedException(Channel.EMAIL, "not an email address: '" + oneLine(address) + "'");
        }
        Mail mail = new Mail()
                .setFrom(config.from())
                // the envelope recipient; the To header with the display name is written below, quoted or encoded
                .addTo(address)
                .setSubject(oneLine(message.subject() == null ? "" : message.subject()))
                .setText(message.text())
                .setHtml(message.html());
        mail.addHeader("To", displayAddress(message.toName(), address));
        mail.addHeader("Message-ID", messageId(message));
        mail.addHeader(REFERENCE_HEADER, message.messageId().toString());
        for (Map.Entry<String, String> header : message.headers().entrySet()) {
            String name = header.getKey();
            String value = header.getValue();
            if (name == null || !FIELD_NAME.matcher(name).matches() || OWN_HEADERS.contains(name.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("header '" + name + "' may not be set on a message");
            }
            if (value == null || value.chars().anyMatch(c -> c == '\r' || c == '\n')) {
                throw new IllegalArgumentException("header " + name + " has no value or a line break in it");
            }
            mail.addHeader(name, value);
        }
        return mail;
    }

    /**
     * {@code "Ada Lovelace" <ada@example.com>}; a name beyond ASCII is RFC 2047-encoded
     * ({@code =?UTF-8?B?…?= <ada@example.com>}); no name, the bare address. Line breaks and control characters in a
     * name are dropped, so no name can add a header.
     */
    static String displayAddress(String name, String address) {
        String clean = name == null ? "" : oneLine(name).strip();
        if (clean.isEmpty()) {
            return address;
        }
        if (ATOM_TEXT.matcher(clean).matches()) {
            return "\"" + clean + "\" <" + address + ">";
        }
        boolean ascii = clean.chars().allMatch(c -> c < 128);
        if (ascii) {
            return "\"" + clean.replace("\\", "\\\\").replace("\"", "\\\"") + "\" <" + address + ">";
        }
        return "=?UTF-8?B?" + Base64.getEncoder().encodeToString(clean.getBytes(StandardCharsets.UTF_8)) + "?= <"
                + address + ">";
    }

    /** Control characters (line breaks above all) become spaces. */
    static String oneLine(String text) {
        StringBuilder sb = new StringBuilder(text.length());
        text.codePoints().forEach(c -> sb.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return sb.toString();
    }

    static String domainOf(String from) {
        Matcher angle = Pattern.compile("<[^@<>]+@([^<>\\s]+)>").matcher(from);
        if (angle.find()) {
            return angle.group(1);
        }
        int at = from.lastIndexOf('@');
        String domain = at < 0 ? "" : from.substring(at + 1).replaceAll("[\\s>)].*$", "");
        return domain.isBlank() ? "leadstream" : domain;
    }

    /** SMTP's answers and failures in the port's terms. */
    static RuntimeException translate(Throwable failure) {
        if (failure instanceof RecipientRejectedException || failure instanceof ChannelUnavailableException
                || failure instanceof IllegalArgumentException || failure instanceof NullPointerException) {
            return (RuntimeException) failure;
        }
        SMTPException smtp = find(failure, SMTPException.class);
        if (smtp != null) {
            String reply = smtp.getReplyCode() + " " + String.join(" ", smtp.getReplyMessages());
            if (smtp.isPermanent() && refusesRecipientOrMessage(smtp)) {
                return new RecipientRejectedException(Channel.EMAIL, "the mail server refused the message: " + reply,
                        failure);
            }
            return new ChannelUnavailableException(Channel.EMAIL, "the mail server did not take the message: " + reply,
                    failure);
        }
        if (find(failure, ConnectException.class) != null) {
            return new ChannelUnavailableException(Channel.EMAIL, "the mail server is unreachable (connection refused)",
                    failure);
        }
        if (find(failure, TimeoutException.class) != null) {
            return new ChannelUnavailableException(Channel.EMAIL, failure.getMessage(), failure);
        }
        return new ChannelUnavailableException(Channel.EMAIL, "the message could not be mailed ("
                + failure.getClass().getSimpleName() + ": " + failure.getMessage() + ")", failure);
    }

    /**
     * A permanent reply about this recipient or this message, not about us: the enhanced status says so where the
     * server gives one (5.1.x address, 5.2.x mailbox, 5.3.4 too big, 5.6.x content); otherwise the basic codes 550
     * (mailbox unavailable), 551 (not local), 552 (storage exceeded), 553 (mailbox name not allowed). Authentication
     * (530, 534, 535, 538), relaying refused (5.7.x), syntax (500–504) and 554 without a status are ours to fix.
     */
    static boolean refusesRecipientOrMessage(SMTPException smtp) {
        for (String line : smtp.getReplyMessages()) {
            Matcher status = ENHANCED_STATUS.matcher(line);
            if (status.find() && status.group(1).equals("5")) {
                int subject = Integer.parseInt(status.group(2));
                int detail = Integer.parseInt(status.group(3));
                return subject == 1 || subject == 2 || subject == 6 || (subject == 3 && detail == 4);
            }
        }
        int code = smtp.getReplyCode();
        return code == 550 || code == 551 || code == 552 || code == 553;
    }

    private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return type.cast(cause);
            }
        }
        return null;
    }
}
