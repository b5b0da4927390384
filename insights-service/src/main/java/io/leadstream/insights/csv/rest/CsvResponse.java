package io.leadstream.insights.csv.rest;

import jakarta.ws.rs.core.Response;

import io.leadstream.insights.csv.Csv;

/**
 * The answer of a resource method serving CSV ({@code @Produces(Csv.SERVED_TYPE)}): the text as
 * {@code text/csv; charset=UTF-8}, without the quality of source the method declares.
 */
public final class CsvResponse {

    private CsvResponse() {
    }

    public static Response of(String csv) {
        return Response.ok(csv, Csv.MEDIA_TYPE + "; charset=UTF-8").build();
    }
}
