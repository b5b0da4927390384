package io.leadstream.capture.imports;

import java.io.IOException;
import java.io.Reader;

/**
 * The characters of an import body, read through an 8 KB buffer (never the whole body), with a byte-order mark at
 * the very start skipped. Shared by the CSV and NDJSON readers.
 */
final class CharInput {

    static final int EOF = -1;

    private final Reader reader;
    private final char[] buffer = new char[8192];
    private int position;
    private int limit;
    private boolean started;

    CharInput(Reader reader) {
        this.reader = reader;
    }

    /** The next character, or {@link #EOF}. */
    int read() throws IOException {
        if (position == limit) {
            limit = reader.read(buffer, 0, buffer.length);
            position = 0;
            if (limit <= 0) {
                limit = 0;
                return EOF;
            }
        }
        char c = buffer[position++];
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                return read();
            }
        }
        return c;
    }
}
