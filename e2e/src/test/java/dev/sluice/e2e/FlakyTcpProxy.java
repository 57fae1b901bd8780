package dev.sluice.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A TCP proxy on a free loopback port that cuts every connection after a random lifetime: the database seen through
 * it fails statements mid-flight (and sometimes a commit after it took effect), as a flaky network does.
 */
final class FlakyTcpProxy implements AutoCloseable {

    private final ServerSocket server;
    private final String host;
    private final int port;
    private final long minLifeMillis;
    private final long maxLifeMillis;
    private final AtomicLong cut = new AtomicLong();
    private volatile boolean closed;

    FlakyTcpProxy(String host, int port, long minLifeMillis, long maxLifeMillis) throws IOException {
        this.host = host;
        this.port = port;
        this.minLifeMillis = minLifeMillis;
        this.maxLifeMillis = maxLifeMillis;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofPlatform().daemon().name("flaky-proxy").start(this::accept);
    }

    int port() {
        return server.getLocalPort();
    }

    /** Connections cut so far. */
    long cut() {
        return cut.get();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(host, port);
                // as the database's own sockets: without it, small writes wait on delayed acks (Nagle)
                client.setTcpNoDelay(true);
                upstream.setTcpNoDelay(true);
                long life = ThreadLocalRandom.current().nextLong(minLifeMillis, maxLifeMillis);
                Thread.ofVirtual().start(() -> pipe(client, upstream));
                Thread.ofVirtual().start(() -> pipe(upstream, client));
                Thread.ofVirtual().start(() -> {
                    try {
                        Thread.sleep(life);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    cut.incrementAndGet();
                    closeQuietly(client);
                    closeQuietly(upstream);
                });
            } catch (IOException e) {
                if (!closed) {
                    sleep();
                }
            }
        }
    }

    private static void pipe(Socket from, Socket to) {
        try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
            in.transferTo(out);
        } catch (IOException e) {
            // cut, or closed by the other side
        } finally {
            closeQuietly(from);
            closeQuietly(to);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() throws IOException {
        closed = true;
        server.close();
    }
}
