package io.leadstream.systemtests;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small TCP fault proxy for the fault suite's network faults: it listens on a local port and forwards every
 * connection to {@code target}, and on demand
 * <ul>
 * <li>{@link #latency} delays every chunk of data either way;</li>
 * <li>{@link #reset} cuts every open connection with a TCP reset (new ones are accepted);</li>
 * <li>{@link #blackHole} stops moving data either way and drops what arrives, without closing anything, as a link
 * that went silent; {@link #pass} then resets the connections it held (they are dead, as after a real black hole,
 * once the peer's TCP gives up) and forwards again.</li>
 * </ul>
 * One thread per direction and connection: meant for a service's handful of database connections.
 */
final class FaultProxy implements AutoCloseable {

    private enum Mode {
        PASS, BLACK_HOLE
    }

    private final InetSocketAddress target;
    private final ServerSocket server;
    private final List<Socket[]> links = new CopyOnWriteArrayList<>();
    private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.PASS);
    private final AtomicLong delayMillis = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private volatile boolean closed;

    private FaultProxy(int listenPort, InetSocketAddress target) throws IOException {
        this.target = target;
        server = new ServerSocket();
        server.setReuseAddress(true);
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), listenPort), 50);
        Thread acceptor = new Thread(this::accept, "fault-proxy-accept-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /** A proxy on a free local port to {@code host:port}. */
    static FaultProxy to(String host, int port) throws IOException {
        return new FaultProxy(0, new InetSocketAddress(host, port));
    }

    /** A proxy on local port {@code listenPort} (one a Kafka listener advertises) to {@code host:port}. */
    static FaultProxy on(int listenPort, String host, int port) throws IOException {
        return new FaultProxy(listenPort, new InetSocketAddress(host, port));
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections accepted so far. */
    long connections() {
        return connections.get();
    }

    /** Forward as a plain link (after a black hole: its held connections reset first). */
    void pass() {
        delayMillis.set(0);
        if (mode.getAndSet(Mode.PASS) == Mode.BLACK_HOLE) {
            reset();
        }
    }

    /** Every chunk of data, either way, waits {@code delay} before it is forwarded. */
    void latency(Duration delay) {
        delayMillis.set(delay.toMillis());
    }

    /** Cuts every open connection with a TCP reset. */
    void reset() {
        for (Socket[] link : links) {
            for (Socket socket : link) {
                abort(socket);
            }
        }
        links.clear();
    }

    /** Moves no data either way from now on, and drops what arrives, closing nothing. */
    void blackHole() {
        mode.set(Mode.BLACK_HOLE);
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                try {
                    upstream.connect(target, 5_000);
                } catch (IOException e) {
                    abort(client);
                    continue;
                }
                connections.incrementAndGet();
                Socket[] link = { client, upstream };
                links.add(link);
                pump(client, upstream, link);
                pump(upstream, client, link);
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("fault proxy: " + e);
                }
            }
        }
    }

    private void pump(Socket from, Socket to, Socket[] link) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (mode.get() == Mode.BLACK_HOLE) {
                        continue; // gone: neither side hears of it
                    }
                    long delay = delayMillis.get();
                    if (delay > 0) {
                        Thread.sleep(delay);
                    }
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | InterruptedException e) {
                // the link is cut (a reset, the proxy closed, a peer gone)
            } finally {
                links.remove(link);
                abort(from);
                abort(to);
            }
        }, "fault-proxy-pump");
        pump.setDaemon(true);
        pump.start();
    }

    /** Closes with a TCP reset rather than an orderly close. */
    private static void abort(Socket socket) {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            // already closed
        }
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException e) {
            // closing anyway
        }
        reset();
    }
}
