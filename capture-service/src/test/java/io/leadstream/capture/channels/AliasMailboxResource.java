package io.leadstream.capture.channels;

import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * A real IMAP and SMTP server (GreenMail) with the alias mailbox {@value #ALIAS}; capture-service reads it over IMAP
 * (plain, on a free port, read again every second when IDLE says nothing).
 */
public class AliasMailboxResource implements QuarkusTestResourceLifecycleManager {

    public static final String ALIAS = "sales@leadstream.test";
    public static final String PASSWORD = "alias-secret";

    private static volatile GreenMail greenMail;

    public static GreenMail greenMail() {
        return greenMail;
    }

    @Override
    public Map<String, String> start() {
        greenMail = new GreenMail(new ServerSetup[] {ServerSetupTest.SMTP.dynamicPort(), ServerSetupTest.IMAP.dynamicPort()});
        greenMail.start();
        greenMail.setUser(ALIAS, ALIAS, PASSWORD);
        return Map.of("leadstream.capture.email.imap.host", "127.0.0.1",
                "leadstream.capture.email.imap.port", String.valueOf(greenMail.getImap().getPort()),
                "leadstream.capture.email.imap.ssl", "false",
                "leadstream.capture.email.imap.user", ALIAS,
                "leadstream.capture.email.imap.password", PASSWORD,
                "leadstream.capture.email.imap.poll-every", "1s");
    }

    @Override
    public void stop() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
