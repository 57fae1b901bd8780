package dev.sluice.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;

import dev.sluice.TestApplication;

/**
 * Two embedded-default installations on one machine: each has its own broker, reachable only with its own
 * data directory's password, and a second one on a taken port refuses to start instead of sharing a broker.
 */
class EmbeddedBrokerIsolationIT {

    @TempDir
    static Path work;

    static int firstPort;
    static int secondPort;
    static ConfigurableApplicationContext first;
    static ConfigurableApplicationContext second;

    @BeforeAll
    static void startTwoInstallations() {
        firstPort = FreePort.find();
        secondPort = FreePort.find();
        first = start(work.resolve("first"), firstPort);
        second = start(work.resolve("second"), secondPort);
    }

    @AfterAll
    static void stop() {
        if (second != null) {
            second.close();
        }
        if (first != null) {
            first.close();
        }
    }

    @Test
    void refusesToStartOnATakenBrokerPortAndNamesThePortAndTheSetting() {
        Throwable failure = catchThrowable(() -> start(work.resolve("third"), firstPort).close());

        FailureAnalysis analysis = new UnreachableServiceFailureAnalyzer(new MockEnvironment()).analyze(failure);
        assertThat(analysis).as("a diagnosis instead of a start on another installation's broker").isNotNull();
        assertThat(analysis.getDescription()).contains("127.0.0.1:" + firstPort).contains("in use");
        assertThat(analysis.getAction()).contains("SLUICE_AMQP_EMBEDDED_PORT");
        assertThatCode(() -> connect(firstPort, password("first"))).as("the first installation still runs")
                .doesNotThrowAnyException();
    }

    @Test
    void aBrokerStartedForAnInstallationThatFailsToStartIsStoppedWithIt() throws Exception {
        int port = FreePort.find();

        Throwable failure = catchThrowable(() -> new SpringApplicationBuilder(TestApplication.class).run(
                "--server.port=0", "--sluice.data-dir=" + work.resolve("failing"),
                "--sluice.amqp.embedded.port=" + port, "--spring.datasource.url=jdbc:nothing:here").close());

        assertThat(failure).as("the database cannot be reached").isNotNull();
        try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            assertThat(free.isBound()).as("the broker started early no longer holds its port").isTrue();
        }
    }

    @Test
    void givesEachDataDirectoryItsOwnBrokerPasswordReadableByItsOwnerOnly() throws Exception {
        assertThat(password("first")).hasSizeGreaterThanOrEqualTo(32).isNotEqualTo(password("second"));
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile("first"))))
                .isEqualTo("rw-------");
    }

    @Test
    void refusesAnotherDataDirectorysPassword() {
        assertThat(catchThrowable(() -> connect(firstPort, password("second"))))
                .isInstanceOf(PossibleAuthenticationFailureException.class);
        assertThatCode(() -> connect(secondPort, password("second"))).doesNotThrowAnyException();
    }

    @Test
    void refusesTheOldDefaultCredentials() {
        assertThat(catchThrowable(() -> connect(firstPort, "sluice")))
                .isInstanceOf(PossibleAuthenticationFailureException.class);
    }

    private static void connect(int port, String password) throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setPort(port);
        factory.setVirtualHost("default");
        factory.setUsername("sluice");
        factory.setPassword(password);
        factory.newConnection("isolation-test").close();
    }

    private static Path passwordFile(String installation) {
        return work.resolve(installation).resolve("keys").resolve("broker.password");
    }

    private static String password(String installation) throws Exception {
        return Files.readString(passwordFile(installation), StandardCharsets.US_ASCII).strip();
    }

    private static ConfigurableApplicationContext start(Path dataDir, int amqpPort) {
        return new SpringApplicationBuilder(TestApplication.class).run(
                "--server.port=0",
                "--sluice.data-dir=" + dataDir,
                "--sluice.amqp.embedded.port=" + amqpPort);
    }
}
