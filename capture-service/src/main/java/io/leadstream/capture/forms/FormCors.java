package io.leadstream.capture.forms;

import java.util.LinkedHashMap;
import java.util.Map;

import io.leadstream.chassis.problem.ProblemException;

/**
 * CORS per form (Quarkus' CORS filter is one policy for the whole service and stays off): a page may post a
 * form only from one of the form's exact allowed origins. A request without {@code Origin} (a plain HTML form
 * post from an older browser, a server, curl) is not a cross-origin browser request and is let through.
 */
public final class FormCors {

    public static final String EXPOSED = "Retry-After, RateLimit-Limit, RateLimit-Remaining, RateLimit-Reset, "
            + "RateLimit-Policy";

    private FormCors() {
    }

    public static boolean allowed(WebForm form, String origin) {
        return form.allows(origin);
    }

    /** 403 problem when the request carries an Origin the form does not allow. */
    public static void check(WebForm form, String origin) {
        if (origin != null && !allowed(form, origin)) {
            throw new ProblemException(403, "origin-not-allowed", "Forbidden",
                    "this form does not accept posts from origin " + origin);
        }
    }

    /** The headers of an answer to an allowed origin (none for others); always {@code Vary: Origin}. */
    public static Map<String, String> headers(WebForm form, String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Vary", "Origin");
        if (allowed(form, origin)) {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Access-Control-Expose-Headers", EXPOSED);
        }
        return headers;
    }

    /** The answer to a preflight: the origin, POST, Content-Type, cached for 10 minutes; nothing otherwise. */
    public static Map<String, String> preflight(WebForm form, String origin) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Vary", "Origin, Access-Control-Request-Method, Access-Control-Request-Headers");
        if (allowed(form, origin)) {
            headers.put("Access-Control-Allow-Origin", origin);
            headers.put("Access-Control-Allow-Methods", "POST");
            headers.put("Access-Control-Allow-Headers", "Content-Type");
            headers.put("Access-Control-Max-Age", "600");
        }
        return headers;
    }
}
