package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;

/**
 * Every flow in {@code flows/valid/} validates, round-trips through export unchanged and passes its own
 * tests; every flow in {@code flows/invalid/} is refused with exactly the problems its {@code .errors} file
 * lists (one per line: path, a tab, a fragment of the message).
 */
class FlowFixturesTest {

    private static final Path FIXTURES = Path.of("src/test/resources/flows");
    private static final FlowValidator validator = new FlowValidator(NodeRegistry.builtIn());

    /** The catalog the fixtures are checked against: finance may read user-center.users, not hr.salaries. */
    static final ValidationContext FINANCE = new ValidationContext("finance", name -> switch (name) {
        case "user-center.users" -> Optional.of(new ValidationContext.SourceInfo(name, List.of("user.created",
                "user.contact.updated", "user.payment.updated", "user.profile.updated", "user.deleted"), true, false));
        case "hr.salaries" -> Optional.of(new ValidationContext.SourceInfo(name, List.of("salary.changed"), false, false));
        case "finance.payments" -> Optional.of(new ValidationContext.SourceInfo(name, List.of("payment.made"), true, true));
        default -> Optional.empty();
    }, name -> Optional.ofNullable(java.util.Map.of("ledger-db", "jdbc", "ledger-api", "http", "partner-mq", "rabbitmq")
            .get(name)));

    /** The fixtures' catalog as the flow's own workspace sees it (both sample workspaces may read the users). */
    static ValidationContext FINANCE_OR(String flowName) {
        return flowName.startsWith("customer-service") ? new ValidationContext("customer-service",
                FINANCE.sources(), FINANCE.connections()) : FINANCE;
    }

    static Stream<Path> valid() throws IOException {
        return files("valid");
    }

    static Stream<Path> invalid() throws IOException {
        return files("invalid");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valid")
    void validFlowRoundTripsThroughExportAndPassesItsTests(Path file) throws IOException {
        ValidationContext context = FINANCE_OR(file.getFileName().toString());
        Flow flow = validator.read(Files.readString(file), context);
        String exported = FlowJson.write(flow);

        assertThat(FlowJson.write(validator.read(exported, context))).isEqualTo(exported);
        Pipeline pipeline = Pipeline.compile(flow, NodeRegistry.builtIn(),
                new CompileContext(flow.workspace(), flow.name(), name -> Optional.of("fixture-key".getBytes())));
        assertThat(FlowTestRunner.run(pipeline)).allSatisfy(result ->
                assertThat(result.failures()).as(result.name()).isEmpty());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void invalidFlowIsRefusedWithExactlyTheExpectedProblems(Path file) throws IOException {
        List<String[]> expected = Files.readAllLines(Path.of(file.toString().replace(".flow.json", ".errors"))).stream()
                .filter(line -> !line.isBlank())
                .map(line -> line.split("\t", 2))
                .toList();

        InvalidFlowException refused = catchThrowableOfType(InvalidFlowException.class,
                () -> validator.read(Files.readString(file), FINANCE));

        assertThat(refused).as("refused").isNotNull();
        List<FlowProblem> problems = refused.problems();
        for (String[] line : expected) {
            assertThat(problems).as("a problem at %s mentioning '%s'", line[0], line[1])
                    .anySatisfy(p -> {
                        assertThat(p.path()).isEqualTo(line[0]);
                        assertThat(p.message()).contains(line.length > 1 ? line[1] : "");
                    });
        }
        assertThat(problems).as("no problem beyond those expected")
                .allSatisfy(p -> assertThat(expected).anySatisfy(line -> assertThat(p.path()).isEqualTo(line[0])));
    }

    private static Stream<Path> files(String folder) throws IOException {
        return Files.list(FIXTURES.resolve(folder)).filter(p -> p.toString().endsWith(".flow.json")).sorted();
    }
}
