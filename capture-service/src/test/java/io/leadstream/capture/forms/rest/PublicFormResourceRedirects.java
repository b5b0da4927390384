package io.leadstream.capture.forms.rest;

/** Opens {@link PublicFormResource#redirect} to the service package's tests. */
public final class PublicFormResourceRedirects {

    private PublicFormResourceRedirects() {
    }

    public static String redirect(String url) {
        return PublicFormResource.redirect(url);
    }
}
