package io.leadstream.chassis.testing;

import io.quarkus.test.common.http.TestHTTPResourceManager;

/**
 * The management interface of the application under test (metrics, OpenAPI: {@code quarkus.management.enabled}, on a
 * random port in the tests), for the tests that read what is served there.
 */
public final class Management {

    private Management() {
    }

    /** The URL of {@code path} (such as {@code /q/metrics}) on the management interface. */
    public static String url(String path) {
        String base = TestHTTPResourceManager.getManagementUri();
        String root = base.endsWith("/q") ? base.substring(0, base.length() - 2) : base;
        return root + path;
    }
}
