package io.leadstream.capture.imports.rest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.List;

import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;
import jakarta.ws.rs.core.StreamingOutput;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.leadstream.chassis.access.Viewer;
import io.leadstream.capture.access.rest.Viewers;
import io.leadstream.capture.idempotency.rest.Replies;
import io.leadstream.capture.imports.CsvRows;
import io.leadstream.capture.imports.ImportConfig;
import io.leadstream.capture.imports.ImportSlots;
import io.leadstream.capture.imports.LeadImport;
import io.leadstream.capture.imports.NdjsonRows;
import io.leadstream.capture.imports.RowReader;
import io.leadstream.capture.model.LeadSubmission;
import io.leadstream.chassis.problem.Problem;
import io.leadstream.chassis.problem.ProblemMappers;
import io.leadstream.chassis.problem.ProblemException;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code POST /api/leads/import}: streamed both ways. The body is read row by row while the report is written row by
 * row, so neither is ever held in memory; only the header (CSV) or first line (NDJSON) is read before answering, so
 * that an empty body or unknown columns are a 400 before any row is imported.
 */
@Path(LeadImport.PATH)
@Tag(name = "Leads")
public class LeadImportResource {

    public static final String CSV = "text/csv";
    public static final String NDJSON = "application/x-ndjson";
    /** The report is flushed to the client every this many rows (and when its buffer is full). */
    static final int FLUSH_EVERY = 100;

    private final LeadImport imports;
    private final ObjectMapper mapper;
    private final ImportConfig config;
    private final Replies replies;
    private final ImportSlots slots;
    private final ProblemMappers problems = new ProblemMappers();

    public LeadImportResource(LeadImport imports, ObjectMapper mapper, ImportConfig config, Replies replies,
            ImportSlots slots) {
        this.slots = slots;
        this.imports = imports;
        this.mapper = mapper;
        this.config = config;
        this.replies = replies;
    }

    @POST
    @Consumes({ CSV, NDJSON })
    @Produces(MediaType.APPLICATION_JSON)
    @RolesAllowed({ "integration", "lead-admin" })
    @Operation(summary = "Import leads in bulk", description = "CSV (RFC 4180, a header row of lead field names, "
            + "case-insensitive, nested fields dotted such as address.city, lists split on ';') or NDJSON (one lead "
            + "object per line, as for POST /api/leads). Each row is captured exactly as POST /api/leads without an "
            + "Idempotency-Key would capture it (validation, normalisation, de-duplication by its source's policy, "
            + "lead.captured or lead.merged), in a transaction of its own; a row without a source gets source "
            + "'import'. A bad row is reported and the import goes on. Streamed both ways: the report is written "
            + "while the body is still being read, so a client must read the answer while it sends (curl does). "
            + "Row numbers: CSV data records after the header, NDJSON non-blank lines, both from 1; `line` is the "
            + "line of the body the row starts on. Answered 200 once the body is readable; problems found later "
            + "are in the report.")
    @RequestBody(required = true, content = {
            @Content(mediaType = CSV, schema = @Schema(type = SchemaType.STRING),
                    examples = @ExampleObject(name = "csv", value = """
                            firstName,lastName,email,phone,company,country,source
                            Ada,Lovelace,ada@example.com,,Analytical Engines Ltd,GB,fair-2026
                            Grace,"Hopper, Jr.",,+44 20 7946 0958,"The ""Compiler"" Co",GB,
                            """)),
            @Content(mediaType = NDJSON, schema = @Schema(type = SchemaType.STRING, description = "one lead per "
                    + "line, each a JSON object as the body of POST /api/leads, for example "
                    + "`{\"firstName\":\"Ada\",\"lastName\":\"Lovelace\",\"email\":\"ada@example.com\"}`")) })
    @APIResponse(responseCode = "200", description = "the per-row report and totals, written as the rows are imported",
            content = @Content(mediaType = MediaType.APPLICATION_JSON,
                    schema = @Schema(implementation = LeadImportReport.class),
                    examples = @ExampleObject(name = "report", value = """
                            {"rows":[{"row":1,"line":2,"outcome":"CREATED","leadId":"6f1c8a52-3d3b-4f0e-9a57-2a5c0b8e1d11"},
                            {"row":2,"line":3,"outcome":"REJECTED","detail":"1 field is invalid",
                             "errors":[{"field":"email","message":"is not a valid email address"}]}],
                             "totals":{"rows":2,"created":1,"merged":0,"flagged":0,"rejected":1,"failed":0}}""")))
    @APIResponse(responseCode = "400", description = "an empty body (type .../empty-body), or a CSV header that is "
            + "malformed or names columns that are not lead fields, each listed in errors[] (type .../import-header); "
            + "no row was imported",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "413", description = "the body is larger than leadstream.capture.import.max-body-size "
            + "(200M); split it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "leadstream.capture.import.max-concurrent imports (2) are running "
            + "on this instance already (type .../imports-busy), or the database cannot be reached; nothing was read: "
            + "send it again after Retry-After seconds",
            headers = @Header(name = "Retry-After", description = "seconds", schema = @Schema(type = SchemaType.INTEGER)),
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "415", description = "not text/csv or application/x-ndjson, or a charset other than "
            + "one Java knows (UTF-8 when none is given)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response importLeads(InputStream body, @Context HttpHeaders headers, @Context UriInfo uri,
            @Context SecurityContext security, @Context RoutingContext request) throws IOException {
        slots.take();
        // given back when the answer has ended: the report written, a problem answered, or the client gone
        request.addEndHandler(ended -> slots.release());
        MediaType type = headers.getMediaType();
        Reader reader = new InputStreamReader(body, charset(type));
        RowReader rows = type.isCompatible(MediaType.valueOf(CSV))
                ? CsvRows.open(reader, config.maxRowLength(), LeadSubmission.class, mapper)
                : NdjsonRows.open(reader, config.maxRowLength(), mapper);
        Viewer caller = Viewers.of(security);
        StreamingOutput report = output -> write(rows, caller, output);
        return Response.ok(report, MediaType.APPLICATION_JSON_TYPE).build();
    }

    /** {@code {"rows":[…],"totals":{…}}}, each row written (and every {@link #FLUSH_EVERY} flushed) as it is done. */
    private void write(RowReader rows, Viewer caller, OutputStream output) throws IOException {
        try (JsonGenerator json = mapper.createGenerator(output).disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET)) {
            json.writeStartObject();
            json.writeArrayFieldStart("rows");
            long[] written = { 0 };
            LeadImport.Summary summary;
            try {
                summary = imports.run(rows, caller,
                        row -> {
                            try {
                                json.writeObject(report(row));
                                if (++written[0] % FLUSH_EVERY == 0) {
                                    json.flush();
                                }
                            } catch (IOException e) {
                                throw new UncheckedIOException(e);
                            }
                        });
            } catch (UncheckedIOException e) {
                throw e.getCause();
            }
            json.writeEndArray();
            json.writeObjectField("totals", summary.totals());
            if (summary.aborted() != null) {
                json.writeStringField("aborted", summary.aborted());
            }
            json.writeEndObject();
        }
    }

    /**
     * A row of the report; a refused row with capture's reasons, as a 400 of POST /api/leads has them (a field of the
     * wrong type named by its path).
     */
    private LeadImportReport.Row report(LeadImport.Imported row) {
        if (row.refusal() == null) {
            return new LeadImportReport.Row(row.row(), row.line(), row.outcome(), row.leadId(), row.detail(), List.of());
        }
        Problem problem = row.refusal().getCause() instanceof JsonProcessingException json
                ? unreadable(json) : replies.problemOf(row.refusal());
        if (problem == null) {
            throw new IllegalStateException("an import row was refused for no reason we can tell", row.refusal());
        }
        return new LeadImportReport.Row(row.row(), row.line(), row.outcome(), null, problem.detail(), problem.errors());
    }

    /** A field of the wrong type (an object where text belongs, a date that is none): rejected with its path. */
    private Problem unreadable(JsonProcessingException json) {
        if (problems.unreadableJson(json, null).getEntity() instanceof Problem problem && !problem.errors().isEmpty()) {
            return Problem.of(400, "validation", "Bad Request", problem.errors().size() == 1 ? "1 field is invalid"
                    : problem.errors().size() + " fields are invalid").withErrors(problem.errors());
        }
        return Problem.of(400, "malformed-body", "Bad Request", "the row does not match the fields of a lead");
    }

    private static Charset charset(MediaType type) {
        String name = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new ProblemException(415, "unsupported-media-type", "Unsupported Media Type",
                    "the charset " + name + " is not supported; send UTF-8");
        }
    }
}
