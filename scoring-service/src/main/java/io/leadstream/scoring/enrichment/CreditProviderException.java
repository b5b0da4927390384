package io.leadstream.scoring.enrichment;

/** The provider gave no usable answer. The message is readable by a person ("provider answered HTTP 503"). */
public class CreditProviderException extends RuntimeException {

    public CreditProviderException(String message, Throwable cause) {
        super(message, cause);
    }

    public CreditProviderException(String message) {
        super(message);
    }

    /**
     * The provider refused this request (a 4xx: our request or our credentials are wrong). Trying again at once
     * would not help, and it says nothing about the provider's health: no retry, no circuit-breaker failure.
     */
    public static class Refused extends CreditProviderException {
        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
