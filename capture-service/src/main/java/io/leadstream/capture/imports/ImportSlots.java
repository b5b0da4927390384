package io.leadstream.capture.imports;

import java.util.concurrent.Semaphore;

import jakarta.enterprise.context.ApplicationScoped;

import io.leadstream.chassis.problem.ProblemException;

/**
 * The imports this instance may run at once ({@code leadstream.capture.import.max-concurrent}). A slot is taken before
 * the body is read and given back when the answer has ended, however it ended (the edge registers the release on the
 * request's end), so a client that goes away mid-import frees its slot too.
 */
@ApplicationScoped
public class ImportSlots {

    /** Seconds a refused import is told to wait. */
    static final int RETRY_AFTER_SECONDS = 30;

    private final int max;
    private final Semaphore slots;

    public ImportSlots(ImportConfig config) {
        this.max = config.maxConcurrent();
        this.slots = new Semaphore(max);
    }

    /** Takes a slot, or throws the 503 problem (type imports-busy, Retry-After) when all are in use. */
    public void take() {
        if (!slots.tryAcquire()) {
            throw new ProblemException(503, "imports-busy", "Imports busy", max + " imports are running on this "
                    + "instance, the most it runs at once; send this one again after Retry-After seconds")
                    .retryAfter(RETRY_AFTER_SECONDS);
        }
    }

    /** Gives a slot back. */
    public void release() {
        slots.release();
    }

    /** Slots free now (tests). */
    public int free() {
        return slots.availablePermits();
    }
}
