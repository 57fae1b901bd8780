package dev.sluice.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sluice.flow.Flow;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.ValidationContext;

/** Each flow under privacy/flows with the exact leak report its workspace's clearance gives. */
class LeakCorpusTest {

    private static final FlowValidator VALIDATOR = new FlowValidator(NodeRegistry.builtIn());

    static Stream<String> corpus() throws IOException {
        try (Stream<Path> files = Files.list(PrivacyFixtures.FLOWS)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".flow.json"))
                    .map(n -> n.substring(0, n.length() - ".flow.json".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void reportsExactlyTheExpectedLeaks(String name) {
        Flow flow = PrivacyFixtures.flow(PrivacyFixtures.FLOWS.resolve(name + ".flow.json"));
        List<Leak> expected = PrivacyFixtures.expectedLeaks(PrivacyFixtures.FLOWS.resolve(name + ".leaks.json"));

        List<Leak> leaks = PrivacyFixtures.check(flow);

        assertThat(leaks).containsExactlyInAnyOrderElementsOf(expected);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void everyCorpusFlowIsAValidFlow(String name) {
        Flow flow = PrivacyFixtures.flow(PrivacyFixtures.FLOWS.resolve(name + ".flow.json"));

        assertThat(VALIDATOR.problems(flow, ValidationContext.standalone(flow.workspace()))).isEmpty();
    }

    @Test
    void corpusHasAtLeastThirtyFlowsCoveringEveryNodeKind() throws IOException {
        List<String> names = corpus().toList();
        List<String> kinds = names.stream()
                .flatMap(n -> PrivacyFixtures.flow(PrivacyFixtures.FLOWS.resolve(n + ".flow.json")).nodes().stream())
                .map(node -> node.kind()).distinct().toList();

        assertThat(names).hasSizeGreaterThanOrEqualTo(30);
        assertThat(kinds).contains("source", "filter", "select", "mask", "rename", "set", "script", "template",
                "target.http", "target.rabbitmq", "target.jdbc", "target.log");
    }
}
