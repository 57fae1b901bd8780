package dev.sluice.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every URL in {@code connections/hostile-urls.tsv} (code, files and credentials through JDBC URLs and their
 * properties; this machine, link-local and metadata addresses, odd encodings over HTTP and AMQP) is refused by a
 * connection's rules, with a reason that says why; ordinary ones pass.
 */
class HostileUrlCorpusTest {

    private static final ConnectionRules RULES = new ConnectionRules(HostPolicy.defaults(), Path.of("/srv/sluice/targets"),
            List.of(new ConnectionRules.Reserved("Sluice's own database", "db.internal", 5432, "sluice")));

    static Stream<Arguments> hostile() throws IOException {
        return Files.readAllLines(Path.of("src/test/resources/connections/hostile-urls.tsv")).stream()
                .filter(line -> !line.isBlank() && !line.startsWith("#"))
                .map(line -> line.split("\t", 3))
                .map(fields -> Arguments.of(fields[0], fields[1], fields[2]));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("hostile")
    void refusesAHostileUrlAndSaysWhy(String kind, String url, String reason) {
        Endpoint endpoint = new Endpoint("x", Endpoint.Kind.of(kind).orElseThrow(), url, null, null, null);

        assertThat(RULES.refusal(endpoint)).as(url).hasValueSatisfying(why -> assertThat(why).contains(reason));
    }

    @Test
    void letsOrdinaryEndpointsThroughWithoutResolvingThem() {
        for (String[] ordinary : new String[][]{
                {"jdbc", "jdbc:postgresql://ledger-db.internal:5432/ledger?sslmode=verify-full&ApplicationName=sluice"},
                {"jdbc", "jdbc:postgresql://pg1.internal,pg2.internal:5433/ledger?targetServerType=primary"},
                {"jdbc", "jdbc:h2:file:ledger"},
                {"rabbitmq", "amqps://mq.partner.example.com:5671/finance"},
                {"http", "https://ledger.internal/api/v2"},
                {"http", "http://10.20.30.40:8080/hooks"}}) {
            Endpoint endpoint = new Endpoint("x", Endpoint.Kind.of(ordinary[0]).orElseThrow(), ordinary[1], null, null,
                    null);

            assertThat(RULES.problems(endpoint)).as(ordinary[1]).isEmpty();
        }
        assertThat(RULES.refusal(new Endpoint("x", Endpoint.Kind.HTTP, "http://10.20.30.40:8080/hooks", null, null,
                null))).isEmpty();
    }

    @Test
    void aTargetsOwnUrlMayCarryAQueryWhereAConnectionsBaseUrlMayNot() {
        // validation takes a target.http url with a query, so its delivery must too
        assertThat(RULES.refusal("http://10.20.30.40:8080/hooks?source=sluice")).isEmpty();
        assertThat(RULES.refusal(new Endpoint("x", Endpoint.Kind.HTTP, "http://10.20.30.40:8080/hooks?source=sluice",
                null, null, null))).hasValueSatisfying(why -> assertThat(why).contains("query"));
    }

    @Test
    void refusesSluicesOwnDatabaseButNotAnotherDatabaseOnTheSameServer() {
        assertThat(RULES.problems(new Endpoint("x", Endpoint.Kind.JDBC, "jdbc:postgresql://db.internal/sluice", null,
                null, null))).singleElement().asString().contains("Sluice's own database");
        assertThat(RULES.problems(new Endpoint("x", Endpoint.Kind.JDBC, "jdbc:postgresql://db.internal/ledger", null,
                null, null))).isEmpty();
    }

    @Test
    void refusesH2FilesOutsideTheEmbeddedDefault() {
        ConnectionRules postgresPlatform = new ConnectionRules(HostPolicy.defaults(), null, List.of());

        assertThat(postgresPlatform.problems(new Endpoint("x", Endpoint.Kind.JDBC, "jdbc:h2:file:ledger", null, null,
                null))).singleElement().asString().contains("only available on the embedded default");
    }

    @Test
    void anAllowlistedLoopbackPortPassesAndOnlyListedRefusesEverythingElse() {
        ConnectionRules listed = RULES.withHosts(HostPolicy.of(List.of("127.0.0.1:8443", "10.20.0.0/16"), true));

        assertThat(listed.refusal(new Endpoint("x", Endpoint.Kind.HTTP, "https://127.0.0.1:8443/", null, null, null)))
                .isEmpty();
        assertThat(listed.refusal(new Endpoint("x", Endpoint.Kind.HTTP, "https://127.0.0.1:8444/", null, null, null)))
                .hasValueSatisfying(why -> assertThat(why).contains("loopback"));
        assertThat(listed.refusal(new Endpoint("x", Endpoint.Kind.HTTP, "http://10.20.3.4/", null, null, null)))
                .isEmpty();
        assertThat(listed.refusal(new Endpoint("x", Endpoint.Kind.HTTP, "http://10.21.3.4/", null, null, null)))
                .hasValueSatisfying(why -> assertThat(why).contains("not on the platform's connection allowlist"));
    }
}
