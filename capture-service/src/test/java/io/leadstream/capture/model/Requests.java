package io.leadstream.capture.model;

import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Builds requests by their JSON field names, as a channel does (never the record's constructor). */
final class Requests {

    static final ObjectMapper MAPPER = new ObjectMapper().findAndRegisterModules()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private Requests() {
    }

    /** {@code lead("firstName", "Ada", "email", "a@b.io", …)}; nested objects as maps. */
    static LeadSubmission lead(Object... namesAndValues) {
        Map<String, Object> fields = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            fields.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return MAPPER.convertValue(fields, LeadSubmission.class);
    }
}
