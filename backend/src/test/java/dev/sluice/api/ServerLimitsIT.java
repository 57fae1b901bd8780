package dev.sluice.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.sluice.TestApplication;
import dev.sluice.TestBackends;

/**
 * What a slow, lying or oversized client costs the server, with the shipped settings (read timeout 5 s, which
 * Tomcat waits twice on a missing body; keep-alive timeout 10 s; request bodies up to 16 MiB). Spoken over a raw socket, because HTTP clients do not lie about
 * Content-Length. The backends play no part, so the embedded default serves.
 */
@SpringBootTest(classes = TestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"sluice.demo.enabled=true", "sluice.demo.password=demo-it"})
class ServerLimitsIT {

    private static final int SIXTEEN_MIB = 16 * 1024 * 1024;

    @TempDir
    static Path dataDir;

    @DynamicPropertySource
    static void embedded(DynamicPropertyRegistry registry) {
        TestBackends.embedded(registry, dataDir);
    }

    @LocalServerPort
    int port;

    @Test
    void closesAConnectionWhoseBodyNeverArrivesWithinTheReadTimeout() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            long start = System.nanoTime();
            send(socket, head("POST", "/api/flows/dry-run", "Content-Type: application/json\r\nContent-Length: 1000")
                    + "{\"flow\":");

            String answer = readUntilClosed(socket);
            long seconds = (System.nanoTime() - start) / 1_000_000_000;

            assertThat(seconds).as("the server held the connection for %d s; answered %s", seconds, answer)
                    .isBetween(4L, 14L);
            assertThat(answer).startsWith("HTTP/1.1 408").contains("{\"errors\":[{\"path\":\"$\"")
                    .doesNotContain("Exception", "java.");
        }
    }

    @Test
    void closesAnIdleConnectionWithinTheKeepAliveTimeout() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(30_000);
            long start = System.nanoTime();
            send(socket, head("GET", "/api/me", ""));

            String answer = readUntilClosed(socket);
            long seconds = (System.nanoTime() - start) / 1_000_000_000;

            assertThat(answer).startsWith("HTTP/1.1 200");
            assertThat(seconds).isBetween(8L, 14L);
        }
    }

    @Test
    void refusesADeclaredBodyPastTheLimitWith413WithoutWaitingForIt() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            long start = System.nanoTime();
            send(socket, head("POST", "/api/flows/import", "Content-Type: application/json\r\nContent-Length: "
                    + (SIXTEEN_MIB + 1)));

            String answer = readUntilClosed(socket);
            long seconds = (System.nanoTime() - start) / 1_000_000_000;

            assertThat(answer).startsWith("HTTP/1.1 413").contains("\"errors\"", "16 MiB");
            assertThat(seconds).isLessThan(14L);
        }
    }

    @Test
    void refusesAChunkedBodyOnceItPassesTheLimitWith413() throws Exception {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(20_000);
            send(socket, head("POST", "/api/flows/import",
                    "Content-Type: application/json\r\nTransfer-Encoding: chunked"));
            Thread writer = Thread.ofVirtual().start(() -> {
                byte[] chunk = ("10000\r\n" + "x".repeat(0x10000) + "\r\n").getBytes(StandardCharsets.US_ASCII);
                try {
                    OutputStream out = socket.getOutputStream();
                    for (int sent = 0; sent <= SIXTEEN_MIB + 0x10000; sent += 0x10000) {
                        out.write(chunk);
                    }
                    out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                } catch (IOException closedByTheServer) {
                    // expected once the server has answered
                }
            });

            String answer = readUntilClosed(socket);
            writer.join(20_000);

            assertThat(answer).startsWith("HTTP/1.1 413").contains("\"errors\"", "16 MiB");
        }
    }

    private static String head(String method, String path, String headers) {
        return method + " " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: Basic "
                + Base64.getEncoder().encodeToString("finance:demo-it".getBytes(StandardCharsets.UTF_8)) + "\r\n"
                + (headers.isEmpty() ? "" : headers + "\r\n") + "\r\n";
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Everything the server says until it closes; fails when it keeps the connection past the socket timeout. */
    private static String readUntilClosed(Socket socket) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        InputStream in = socket.getInputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int read; (read = in.read(buffer)) != -1; ) {
                answer.write(buffer, 0, read);
            }
        } catch (SocketTimeoutException stillOpen) {
            throw new AssertionError("the server still held the connection after " + socket.getSoTimeout()
                    + " ms; it had answered: " + answer.toString(StandardCharsets.UTF_8));
        } catch (IOException reset) {
            // a reset after the answer is a close too
        }
        return answer.toString(StandardCharsets.UTF_8);
    }
}
