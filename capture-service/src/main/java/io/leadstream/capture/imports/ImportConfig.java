package io.leadstream.capture.imports;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** {@code leadstream.capture.import.*}: limits of {@code POST /api/leads/import}. */
@ConfigMapping(prefix = "leadstream.capture.import")
public interface ImportConfig {

    /**
     * The largest import body; larger is a 413 at once with a {@code Content-Length}; a chunked body crossing it
     * after the report started has its connection closed (the rows reported stay imported). Every other path keeps
     * {@code quarkus.http.limits.max-body-size}.
     */
    @WithDefault("200M")
    MemorySize maxBodySize();

    /** The longest row (CSV record or NDJSON line) in characters; a longer one is rejected, the import goes on. */
    @WithDefault("65536")
    int maxRowLength();

    /**
     * Imports one instance runs at the same time (each holds a worker thread and a database connection while its body
     * streams in); one more is a 503 problem with {@code Retry-After} at once, before its body is read.
     */
    @WithDefault("2")
    int maxConcurrent();
}
