package io.leadstream.nurture.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TargetGuardTest {

    /** Names resolved from a table, as DNS would answer them; literal addresses as the JVM parses them. */
    private static final TargetGuard GUARD = new TargetGuard(host -> {
        Map<String, String[]> dns = Map.of("hooks.example.com", new String[] {"93.184.216.34"},
                "sneaky.example.com", new String[] {"93.184.216.34", "10.0.0.5"},
                "metadata.example.com", new String[] {"169.254.169.254"});
        if (dns.containsKey(host)) {
            String[] ips = dns.get(host);
            InetAddress[] addresses = new InetAddress[ips.length];
            for (int i = 0; i < ips.length; i++) {
                addresses[i] = InetAddress.getByName(ips[i]);
            }
            return addresses;
        }
        if (host.matches("[0-9.]+|[0-9a-fA-F:.]+")) {
            return new InetAddress[] {InetAddress.getByName(host)};
        }
        throw new UnknownHostException(host);
    });

    @Test
    void shouldAllowPublicHttpsAndHttpTargets() {
        assertThat(GUARD.check("https://hooks.example.com/leadstream", false).allowed()).isTrue();
        assertThat(GUARD.check("http://93.184.216.34:8080/in", false).allowed()).isTrue();
        assertThat(GUARD.check("https://[2606:2800:220:1:248:1893:25c8:1946]/in", false).allowed()).isTrue();
    }

    @Test
    void shouldRefuseEveryNonPublicAddressAndAnyNameResolvingToOne() {
        for (String url : new String[] {"http://127.0.0.1/", "http://127.1.2.3:9000/", "http://[::1]/",
                "http://10.1.2.3/", "http://172.16.0.1/", "http://172.31.255.255/", "http://192.168.1.10/",
                "http://169.254.169.254/latest/meta-data/", "http://[fe80::1]/", "http://[fd12:3456::1]/",
                "http://100.64.0.1/", "http://0.0.0.0/", "http://[::]/", "http://224.0.0.1/",
                "http://[::ffff:10.0.0.1]/", "https://sneaky.example.com/", "https://metadata.example.com/"}) {
            TargetGuard.Verdict verdict = GUARD.check(url, false);
            assertThat(verdict.allowed()).as(url).isFalse();
            assertThat(verdict.reason()).as(url).contains("resolves to a");
        }
        assertThat(GUARD.check("http://172.32.0.1/", false).allowed()).isTrue();
        assertThat(GUARD.check("http://100.128.0.1/", false).allowed()).isTrue();
    }

    @Test
    void shouldAllowPrivateTargetsOnlyWhenAnAdminSaidSo() {
        assertThat(GUARD.check("http://127.0.0.1:9999/hook", true).allowed()).isTrue();
        assertThat(GUARD.check("http://10.1.2.3/", true).allowed()).isTrue();
    }

    @Test
    void shouldRefuseWhatIsNoHttpUrlOfAHost() {
        assertThat(GUARD.check("ftp://hooks.example.com/", false).reason()).isEqualTo("must be an http or https URL");
        assertThat(GUARD.check("file:///etc/passwd", true).allowed()).isFalse();
        assertThat(GUARD.check("https:///no-host", false).reason()).isEqualTo("names no host");
        assertThat(GUARD.check("https://user:pw@hooks.example.com/", false).reason())
                .isEqualTo("may not carry a user name or password");
        assertThat(GUARD.check("https://nowhere.invalid/", false).reason()).isEqualTo("its host does not resolve");
        assertThat(GUARD.check("not a url", false).allowed()).isFalse();
    }
}
