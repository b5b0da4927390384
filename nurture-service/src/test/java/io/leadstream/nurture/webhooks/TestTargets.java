package io.leadstream.nurture.webhooks;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The target guard in nurture's tests: host names the tests resolve themselves ({@link #NAMES}, say a name that points
 * to a public address when a subscription is saved and to loopback when its delivery is due), every other name
 * through the JVM.
 */
public class TestTargets {

    public static final Map<String, InetAddress[]> NAMES = new ConcurrentHashMap<>();

    @Produces
    @Singleton
    TargetGuard guard() {
        return new TargetGuard(host -> {
            InetAddress[] fixed = NAMES.get(host);
            return fixed != null ? fixed : InetAddress.getAllByName(host);
        });
    }
}
