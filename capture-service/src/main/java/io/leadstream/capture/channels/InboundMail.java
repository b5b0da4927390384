package io.leadstream.capture.channels;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.ParseException;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeVisitor;

/**
 * One inbound email as capture reads it, parsed from its raw MIME bytes by Jakarta Mail (Angus): the sender's address
 * and display name, the subject, the plain-text body (from a {@code text/plain} part, else a {@code text/html} one
 * converted to text with jsoup), the attachments as metadata only (type and size), the ids it answers
 * ({@code In-Reply-To}, {@code References}) and whether it is machine traffic to ignore. Charsets, encoded words and
 * transfer encodings are Jakarta Mail's. Pure: no I/O beyond the bytes given.
 *
 * @param messageId the {@code Message-ID} without angle brackets; absent, {@code sha256:<hex of the bytes>}, so that
 *         the same bytes are still handled once
 * @param ignoredBecause why it is machine traffic (an auto-reply, a bounce, a mailing list), else null
 */
public record InboundMail(String messageId, String fromAddress, String fromName, String subject, Instant sentAt,
        String text, List<Attachment> attachments, List<String> references, String ignoredBecause) {

    /** An attachment: what it is and how big, never its name or content. */
    public record Attachment(String contentType, int size) {
    }

    /** The mail could not be read as MIME, or names no sender. */
    public static final class UnreadableMailException extends RuntimeException {
        UnreadableMailException(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Text longer than this is cut: a lead's first inquiry is not an archive. */
    static final int MAX_TEXT = 20_000;
    private static final Pattern ANGLE_ID = Pattern.compile("<([^<>\\s]{1,300})>");
    private static final Pattern LEADSTREAM_ID = Pattern.compile(
            "([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})@.+");
    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "tr", "li", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "table", "ul", "ol", "hr", "address");

    /** Reads raw MIME bytes (an IMAP message's or a webhook's body). */
    public static InboundMail parse(byte[] raw) {
        try {
            MimeMessage message = new MimeMessage(Session.getInstance(new Properties()), new ByteArrayInputStream(raw));
            InternetAddress from = sender(message);
            String id = message.getMessageID();
            Body body = new Body();
            body.read(message);
            return new InboundMail(id == null || id.isBlank() ? "sha256:" + sha256(raw) : strip(id),
                    from.getAddress().strip(), blankToNull(from.getPersonal()), blankToNull(message.getSubject()),
                    message.getSentDate() == null ? null : message.getSentDate().toInstant(), body.text(),
                    List.copyOf(body.attachments), references(message), ignoredBecause(message));
        } catch (MessagingException | IOException | RuntimeException e) {
            if (e instanceof UnreadableMailException unreadable) {
                throw unreadable;
            }
            throw new UnreadableMailException("not a MIME message: " + e.getMessage(), e);
        }
    }

    /**
     * The ids of the messages nurture sent that this one answers: the UUIDs nurture writes as the local part of its
     * {@code Message-ID} ({@code <uuid@domain>}), from {@code In-Reply-To} and {@code References}, newest first.
     */
    public List<UUID> repliesTo() {
        List<UUID> ids = new ArrayList<>();
        for (int i = references.size() - 1; i >= 0; i--) {
            Matcher m = LEADSTREAM_ID.matcher(references.get(i));
            if (m.matches()) {
                ids.add(UUID.fromString(m.group(1)));
            }
        }
        return ids;
    }

    /** Whether it answers another message (it names one in In-Reply-To or References). */
    public boolean isReply() {
        return !references.isEmpty();
    }

    /** Code points of the text. */
    public int textLength() {
        return text.codePointCount(0, text.length());
    }

    private static InternetAddress sender(MimeMessage message) throws MessagingException {
        Address[] from;
        try {
            from = message.getFrom();
        } catch (jakarta.mail.internet.AddressException e) {
            throw new UnreadableMailException("the From header is not an address: " + e.getMessage(), e);
        }
        if (from == null || from.length == 0 || !(from[0] instanceof InternetAddress address)
                || address.getAddress() == null || address.getAddress().isBlank()) {
            throw new UnreadableMailException("the mail names no sender (From)", null);
        }
        return address;
    }

    /**
     * RFC 3834 and common practice: {@code Auto-Submitted} other than {@code no} (auto-replies, vacation notices), an
     * empty {@code Return-Path} (bounces and other notices to no one), a {@code multipart/report} (delivery status),
     * a {@code List-Id} (mailing lists), {@code Precedence: bulk, junk or list}.
     */
    static String ignoredBecause(MimeMessage message) throws MessagingException {
        String autoSubmitted = message.getHeader("Auto-Submitted", ",");
        if (autoSubmitted != null && !autoSubmitted.strip().toLowerCase(Locale.ROOT).startsWith("no")) {
            return "auto-submitted";
        }
        String returnPath = message.getHeader("Return-Path", ",");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return "empty-return-path";
        }
        if (isType(message.getContentType(), "multipart/report")) {
            return "delivery-report";
        }
        if (message.getHeader("List-Id") != null) {
            return "mailing-list";
        }
        String precedence = message.getHeader("Precedence", ",");
        if (precedence != null && Set.of("bulk", "junk", "list").contains(precedence.strip().toLowerCase(Locale.ROOT))) {
            return "bulk";
        }
        return null;
    }

    private static List<String> references(MimeMessage message) throws MessagingException {
        Set<String> ids = new LinkedHashSet<>();
        for (String header : new String[] {"References", "In-Reply-To"}) {
            String value = message.getHeader(header, " ");
            if (value != null) {
                Matcher m = ANGLE_ID.matcher(value);
                while (m.find()) {
                    ids.add(m.group(1));
                }
            }
        }
        return List.copyOf(ids);
    }

    /** The text and the attachments of the parts, walked depth first. */
    private static final class Body {
        private String plain;
        private String html;
        private final List<Attachment> attachments = new ArrayList<>();

        void read(Part part) throws MessagingException, IOException {
            String type = part.getContentType() == null ? "text/plain" : part.getContentType();
            if (isType(type, "multipart/*")) {
                Object content = part.getContent();
                if (content instanceof Multipart multipart) {
                    for (int i = 0; i < multipart.getCount(); i++) {
                        BodyPart child = multipart.getBodyPart(i);
                        read(child);
                    }
                }
                return;
            }
            boolean attached = Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition()) || part.getFileName() != null;
            if (!attached && isType(type, "text/plain") && plain == null) {
                plain = textOf(part);
            } else if (!attached && isType(type, "text/html") && html == null) {
                html = textOf(part);
            } else if (!isType(type, "message/delivery-status")) {
                attachments.add(new Attachment(baseType(type), size(part)));
            }
        }

        String text() {
            String text = plain != null ? plain : html != null ? htmlToText(html) : "";
            text = text.replace("\r\n", "\n").strip();
            return text.length() > MAX_TEXT ? text.substring(0, MAX_TEXT) : text;
        }
    }

    /** A text part decoded with its charset (an unknown charset read as UTF-8, never a failure). */
    private static String textOf(Part part) throws MessagingException, IOException {
        try {
            Object content = part.getContent();
            if (content instanceof String s) {
                return s;
            }
        } catch (java.io.UnsupportedEncodingException e) {
            // an unknown or misspelled charset: the bytes as UTF-8, with replacement characters where they are not
        }
        try (InputStream in = part.getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The decoded size in bytes (the encoded size of base64 counts its line breaks and a third more). */
    private static int size(Part part) throws MessagingException, IOException {
        try (InputStream in = part.getInputStream()) {
            return (int) Math.min(Integer.MAX_VALUE, in.transferTo(OutputStream.nullOutputStream()));
        }
    }

    /** Text from HTML: block elements and line breaks become new lines, scripts and styles are dropped. */
    static String htmlToText(String html) {
        org.jsoup.nodes.Document document = Jsoup.parse(html);
        document.select("script, style, head").remove();
        StringBuilder text = new StringBuilder();
        document.body().traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode t) {
                    text.append(t.text());
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName()) && !text.isEmpty()
                        && text.charAt(text.length() - 1) != '\n') {
                    text.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName()) && !e.normalName().equals("br")
                        && !text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
                    text.append('\n');
                }
            }
        });
        return text.toString().replaceAll("[ \\t\\u00a0]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
    }

    private static boolean isType(String contentType, String wanted) {
        try {
            return new ContentType(contentType).match(wanted);
        } catch (ParseException e) {
            return false;
        }
    }

    private static String baseType(String contentType) {
        try {
            return new ContentType(contentType).getBaseType().toLowerCase(Locale.ROOT);
        } catch (ParseException e) {
            return "application/octet-stream";
        }
    }

    private static String strip(String id) {
        String s = id.strip();
        return s.startsWith("<") && s.endsWith(">") ? s.substring(1, s.length() - 1) : s;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** The hex SHA-256 of the bytes. */
    public static String sha256(byte[] raw) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
