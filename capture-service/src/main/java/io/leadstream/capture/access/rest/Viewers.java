package io.leadstream.capture.access.rest;

import jakarta.ws.rs.core.SecurityContext;

import io.leadstream.chassis.access.Viewer;

/** The caller of a request as the use cases know it: the token's principal, and whether its roles see every lead. */
public final class Viewers {

    private Viewers() {
    }

    public static Viewer of(SecurityContext security) {
        return Viewer.of(security.getUserPrincipal().getName(), security::isUserInRole);
    }
}
