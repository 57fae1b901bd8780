package dev.sluice.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.FileInputStream;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.sluice.platform.UnreachableServiceException;

class BrokerConnectionTlsTest {

    @TempDir
    Path dir;

    @Test
    void refusesAnAmqpsBrokerWhoseCertificateTheJvmDoesNotTrust() throws Exception {
        try (SSLServerSocket server = selfSignedServer()) {
            Thread acceptor = Thread.ofVirtual().start(() -> {
                try (SSLSocket client = (SSLSocket) server.accept()) {
                    client.startHandshake();
                } catch (Exception expected) {
                    // the client walks away from the handshake
                }
            });

            assertThatThrownBy(() -> BrokerConnection.connect(
                    "amqps://guest:guest@127.0.0.1:" + server.getLocalPort() + "/%2F", false))
                    .isInstanceOf(UnreachableServiceException.class)
                    .hasRootCauseInstanceOf(java.security.cert.CertPathBuilderException.class)
                    .satisfies(refused -> assertThat(causes(refused)).anyMatch(SSLHandshakeException.class::isInstance));
            acceptor.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private static List<Throwable> causes(Throwable thrown) {
        List<Throwable> causes = new java.util.ArrayList<>();
        for (Throwable cause = thrown; cause != null; cause = cause.getCause()) {
            causes.add(cause);
        }
        return causes;
    }

    /** A TLS server on a free loopback port with a certificate made for this test, signed by itself. */
    private SSLServerSocket selfSignedServer() throws Exception {
        Path keyStore = dir.resolve("broker.p12");
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "broker", "-keyalg", "EC", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=IP:127.0.0.1", "-validity", "1", "-storetype", "PKCS12", "-keystore", keyStore.toString(),
                "-storepass", "changeit").redirectErrorStream(true).start();
        String output = new String(keytool.getInputStream().readAllBytes());
        assertThat(keytool.waitFor()).as(output).isZero();
        KeyStore keys = KeyStore.getInstance("PKCS12");
        try (FileInputStream in = new FileInputStream(keyStore.toFile())) {
            keys.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory managers = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        managers.init(keys, "changeit".toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(managers.getKeyManagers(), null, null);
        return (SSLServerSocket) context.getServerSocketFactory().createServerSocket(0, 1,
                InetAddress.getLoopbackAddress());
    }
}
