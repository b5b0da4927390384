package io.leadstream.scoring.enrichment.rest;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

/** The provider's answer to {@code POST /checks}; fields it adds later are ignored. */
@JsonIgnoreProperties(ignoreUnknown = true)
record CheckAnswer(String rating, Money limit, String provider) {
}
