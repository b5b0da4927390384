package io.leadstream.chassis.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository the tests run in: every module's tests run in the module's directory, one level below it. */
public final class Repository {

    private Repository() {
    }

    /** The repository root: the nearest directory above the working directory that holds {@code chassis/pom.xml}. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.exists(dir.resolve("chassis/pom.xml"))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new IllegalStateException("cannot find the repository root above " + Path.of("").toAbsolutePath());
        }
        return dir;
    }
}
