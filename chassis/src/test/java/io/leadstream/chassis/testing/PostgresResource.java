package io.leadstream.chassis.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;

/**
 * A real PostgreSQL server for one test JVM: zonky's embedded PostgreSQL binaries (from Maven Central)
 * on a random port, fresh data directory, removed at the end. Flyway migrates it at start-up exactly as
 * in production. Needs nothing pre-started and no Docker.
 * <p>
 * A test can take the server down and bring it back, with its data, on the same port ({@link #stopServer()},
 * {@link #startServer()}): an operator restarting the database, as the service sees it.
 */
public class PostgresResource implements QuarkusTestResourceLifecycleManager {

    private static volatile PostgresResource current;

    private EmbeddedPostgres postgres;
    private Path dataDirectory;
    private int port;

    @Override
    public Map<String, String> start() {
        try {
            dataDirectory = Files.createTempDirectory("leadstream-pg-");
            postgres = builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the embedded PostgreSQL server", e);
        }
        port = postgres.getPort();
        current = this;
        return Map.of(
                "quarkus.datasource.username", "postgres",
                "quarkus.datasource.password", "postgres",
                "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/postgres",
                "quarkus.datasource.reactive.url", "postgresql://127.0.0.1:" + port + "/postgres");
    }

    private EmbeddedPostgres.Builder builder() {
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(dataDirectory)
                .setCleanDataDirectory(false)
                .setServerConfig("fsync", "off")
                .setServerConfig("synchronous_commit", "off")
                .setServerConfig("max_connections", "100");
        return port == 0 ? builder : builder.setPort(port);
    }

    /** Stops the running test server (as {@code pg_ctl stop} would): connections are refused until {@link #startServer()}. */
    public static synchronized void stopServer() {
        PostgresResource resource = running();
        try {
            resource.postgres.close();
            resource.postgres = null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Starts the test server again on the same port with the same data. */
    public static synchronized void startServer() {
        PostgresResource resource = current;
        if (resource == null || resource.dataDirectory == null) {
            throw new IllegalStateException("no PostgresResource in this test JVM");
        }
        if (resource.postgres != null) {
            return;
        }
        try {
            resource.postgres = resource.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not restart the embedded PostgreSQL server", e);
        }
    }

    private static PostgresResource running() {
        PostgresResource resource = current;
        if (resource == null || resource.postgres == null) {
            throw new IllegalStateException("no running PostgresResource in this test JVM");
        }
        return resource;
    }

    @Override
    public void stop() {
        try {
            if (postgres != null) {
                postgres.close();
                postgres = null;
            }
            if (dataDirectory != null && Files.exists(dataDirectory)) {
                try (Stream<Path> files = Files.walk(dataDirectory)) {
                    files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (current == this) {
                current = null;
            }
        }
    }
}
