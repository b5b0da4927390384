package io.leadstream.capture.channels;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;

import org.eclipse.angus.mail.imap.IMAPFolder;

import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.VertxContextSupport;

/**
 * Reads the alias mailbox ({@code leadstream.capture.email.imap.*}, such as sales@) over IMAP on a thread of its own,
 * when a host is configured: every unread message is handled by {@link EmailInbox} and then marked read (a message
 * that could not be handled, because the database is away, stays unread and is read again). Between reads the
 * thread waits in IMAP IDLE, which the server ends when mail arrives; every {@code poll-every} the wait is broken
 * from outside and the mailbox read anyway (a server without IDLE, a connection that died silently). A lost
 * connection is opened again after {@code poll-every}. Messages are read with PEEK, so reading one does not mark it
 * read before it is handled.
 */
@ApplicationScoped
public class AliasMailbox {

    private final EmailConfig.Imap config;
    private final EmailInbox inbox;
    private volatile boolean running;
    private volatile Thread reader;
    private volatile Store store;
    private volatile Folder folder;
    private ScheduledExecutorService kicker;

    public AliasMailbox(EmailConfig config, EmailInbox inbox) {
        this.config = config.imap();
        this.inbox = inbox;
    }

    void start(@Observes StartupEvent started) {
        if (config.host().isEmpty()) {
            return;
        }
        running = true;
        kicker = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "alias-mailbox-poll"));
        reader = daemon(this::readUntilStopped, "alias-mailbox");
        reader.start();
        Log.infof("reading the alias mailbox %s@%s:%d/%s", config.user().orElse(""), config.host().get(),
                config.port(), config.folder());
    }

    private static Thread daemon(Runnable work, String name) {
        Thread thread = new Thread(work, name);
        thread.setDaemon(true);
        return thread;
    }

    void stop(@Observes ShutdownEvent stopping) {
        if (!running) {
            return;
        }
        running = false;
        kicker.shutdownNow();
        close();
        Thread thread = reader;
        if (thread != null) {
            thread.interrupt();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void readUntilStopped() {
        while (running) {
            try {
                open();
                readUnread();
                while (running) {
                    waitForMail();
                    readUnread();
                }
            } catch (MessagingException | IOException | RuntimeException e) {
                if (running) {
                    Log.warnf("alias mailbox: %s; trying again in %s", e.getMessage(), config.pollEvery());
                }
            } finally {
                close();
            }
            pause(config.pollEvery());
        }
    }

    private void open() throws MessagingException {
        String protocol = config.ssl() ? "imaps" : "imap";
        Properties properties = new Properties();
        String timeout = String.valueOf(config.timeout().toMillis());
        properties.put("mail." + protocol + ".connectiontimeout", timeout);
        properties.put("mail." + protocol + ".timeout", timeout);
        properties.put("mail." + protocol + ".writetimeout", timeout);
        properties.put("mail." + protocol + ".peek", "true");
        properties.put("mail." + protocol + ".starttls.enable", "true");
        Store opened = Session.getInstance(properties).getStore(protocol);
        opened.connect(config.host().get(), config.port(), config.user().orElse(null), config.password().orElse(null));
        store = opened;
        Folder inboxFolder = opened.getFolder(config.folder());
        inboxFolder.open(Folder.READ_WRITE);
        folder = inboxFolder;
    }

    /** Every unread message, oldest first: handled, then marked read. */
    private void readUnread() throws MessagingException, IOException {
        Message[] unread = folder.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        for (Message message : unread) {
            if (!running) {
                return;
            }
            ByteArrayOutputStream raw = new ByteArrayOutputStream();
            message.writeTo(raw);
            InboundMail mail;
            try {
                mail = InboundMail.parse(raw.toByteArray());
            } catch (InboundMail.UnreadableMailException e) {
                Log.warnf("alias mailbox: message %d is not a mail with a sender (%s); marked read and left",
                        message.getMessageNumber(), e.getMessage());
                message.setFlag(Flags.Flag.SEEN, true);
                continue;
            }
            EmailInbox.Receipt receipt;
            try {
                receipt = VertxContextSupport.subscribeAndAwait(() -> inbox.handle(mail));
            } catch (Throwable e) {
                throw new IllegalStateException("a message could not be handled (it stays unread): " + e.getMessage(),
                        e);
            }
            message.setFlag(Flags.Flag.SEEN, true);
            Log.debugf("alias mailbox: message %d %s", message.getMessageNumber(), receipt.handled());
        }
    }

    /** IDLE until the server says something changed, or until the poll interval breaks it; no IDLE: a plain wait. */
    private void waitForMail() throws MessagingException {
        if (!(folder instanceof IMAPFolder imap)) {
            pause(config.pollEvery());
            return;
        }
        // a command on the folder from another thread ends IDLE; a NOOP always is one (getMessageCount, for instance,
        // sends nothing within a second of the last command and so left IDLE running)
        ScheduledFuture<?> kick = kicker.schedule(() -> {
            try {
                imap.doCommand(protocol -> {
                    protocol.simpleCommand("NOOP", null);
                    return null;
                });
            } catch (MessagingException | RuntimeException e) {
                Log.debugf("alias mailbox: poll: %s", e.getMessage());
            }
        }, config.pollEvery().toMillis(), TimeUnit.MILLISECONDS);
        try {
            imap.idle(true);
        } catch (MessagingException e) {
            if (e.getMessage() != null && e.getMessage().contains("IDLE not supported")) {
                pause(config.pollEvery());
            } else {
                throw e;
            }
        } finally {
            kick.cancel(false);
        }
    }

    private void close() {
        Folder f = folder;
        folder = null;
        Store s = store;
        store = null;
        try {
            if (f != null && f.isOpen()) {
                f.close(false);
            }
        } catch (MessagingException | RuntimeException e) {
            Log.debugf("alias mailbox: closing the folder: %s", e.getMessage());
        }
        try {
            if (s != null) {
                s.close();
            }
        } catch (MessagingException | RuntimeException e) {
            Log.debugf("alias mailbox: closing the store: %s", e.getMessage());
        }
    }

    private void pause(Duration duration) {
        if (!running) {
            return;
        }
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }
}
