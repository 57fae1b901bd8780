package dev.sluice.pipeline.kind;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import software.amazon.event.ruler.Machine;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flow.Problems;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.EventTrace;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.NodeStep;
import dev.sluice.pipeline.Pipeline;
import dev.sluice.pipeline.StepFailure;
import dev.sluice.pipeline.ValidationContext;

class FilterNodeTest {

    private static final NodeRegistry REGISTRY = NodeRegistry.builtIn();
    private static final ValidationContext CONTEXT = ValidationContext.standalone("finance");

    /** A payment event with every kind of attribute: required, optional, an extension, and data. */
    private static String event(String data) {
        return """
                {"specversion": "1.0", "id": "e-1", "source": "/user-center", "type": "user.payment.updated",
                 "subject": "users/42", "tenant": "acme", "priority": 3, "data": %s}""".formatted(data);
    }

    private static final String PAYMENT = event("""
            {"userId": "u-42", "tags": ["vip", "beta"], "payment": {"currency": "CNY", "amount": 120.5,
             "code": "10", "count": 10, "verified": true, "note": null, "bank": "ICBC Beijing", "ip": "10.0.0.7"},
             "items": [{"sku": "a", "qty": 1}, {"sku": "b", "qty": 5}], "empty": []}""");

    private static boolean keeps(String pattern, String event) {
        NodeStep step = new FilterNode().compile(new FilterNode.Config((ObjectNode) FlowJson.parse(pattern)),
                CompileContext.standalone("finance", "test"));
        try {
            return !step.apply((ObjectNode) FlowJson.parse(event)).isEmpty();
        } catch (StepFailure failure) {
            throw new AssertionError("a filter never fails an event", failure);
        }
    }

    private static boolean keeps(String pattern) {
        return keeps(pattern, PAYMENT);
    }

    /** Validates {@code config} as the flow validator does: schema, binding, then the kind's rules. */
    private static List<FlowProblem> problems(String config) {
        Problems problems = new Problems();
        REGISTRY.validateConfig(new FlowNode("cny", "filter", (ObjectNode) FlowJson.parse(config)), CONTEXT, problems);
        return problems.all();
    }

    private static List<FlowProblem> patternProblems(String pattern) {
        return problems("{\"pattern\": " + pattern + "}");
    }

    @Nested
    class Registration {

        @Test
        void isAProcessorRegisteredAsFilterWithAValidExample() {
            FilterNode filter = (FilterNode) REGISTRY.kind("filter").orElseThrow();

            assertThat(filter.id()).isEqualTo("filter");
            assertThat(filter.role()).isEqualTo(dev.sluice.pipeline.NodeRole.PROCESSOR);
            assertThat(problems(filter.spec().example())).isEmpty();
        }

        @Test
        void keepsAMatchingEventUnchangedAndDropsOthersWithAReason() throws StepFailure {
            NodeStep step = new FilterNode().compile(new FilterNode.Config((ObjectNode) FlowJson.parse("""
                    {"data": {"payment": {"currency": ["CNY"]}}}""")), CompileContext.standalone("finance", "t"));
            ObjectNode cny = (ObjectNode) FlowJson.parse(PAYMENT);

            assertThat(step.apply(cny)).singleElement().isSameAs(cny);
            assertThat(step.apply((ObjectNode) FlowJson.parse(event("{\"payment\": {\"currency\": \"USD\"}}")))).isEmpty();
            assertThat(step.dropReason()).isEqualTo("did not match the filter pattern");
        }

        @Test
        void dropsNonMatchingEventsInAFlowAndSaysWhyInTheTrace() {
            FlowValidator validator = new FlowValidator(REGISTRY);
            Pipeline pipeline = Pipeline.compile(validator.read("""
                    {"schemaVersion": 1, "name": "cny", "workspace": "finance",
                     "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users"}},
                               {"id": "cny", "kind": "filter", "config": {"pattern": {"data": {"payment": {"currency": ["CNY"]}}}}},
                               {"id": "out", "kind": "target.log"}],
                     "edges": [{"from": "in", "to": "cny"}, {"from": "cny", "to": "out"}]}""", CONTEXT),
                    REGISTRY, CompileContext.standalone("finance", "cny"));

            EventTrace kept = pipeline.trace(FlowJson.parse(PAYMENT));
            EventTrace dropped = pipeline.trace(FlowJson.parse(event("{\"payment\": {\"currency\": \"USD\"}}")));

            assertThat(kept.targets().get("out")).hasSize(1);
            assertThat(dropped.targets().get("out")).isEmpty();
            assertThat(dropped.steps().get(1).node()).isEqualTo("cny");
            assertThat(dropped.steps().get(1).reason()).isEqualTo("did not match the filter pattern");
        }
    }

    @Nested
    class Operators {

        @Test
        void keepsEventsWhoseFieldEqualsOneOfTheListedValues() {
            assertThat(keeps("{\"data\": {\"payment\": {\"currency\": [\"USD\", \"CNY\"]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"payment\": {\"currency\": [\"USD\", \"EUR\"]}}}")).isFalse();
        }

        @Test
        void comparesExactValuesCaseSensitively() {
            assertThat(keeps("{\"data\": {\"payment\": {\"currency\": [\"cny\"]}}}")).isFalse();
        }

        @Test
        void matchesCloudEventAttributesTypeSourceAndSubject() {
            assertThat(keeps("""
                    {"type": ["user.payment.updated"], "source": ["/user-center"], "subject": ["users/42"]}""")).isTrue();
            assertThat(keeps("{\"type\": [\"user.created\"]}")).isFalse();
        }

        @Test
        void matchesExtensionAttributes() {
            assertThat(keeps("{\"tenant\": [\"acme\"], \"priority\": [{\"numeric\": [\">=\", 3]}]}")).isTrue();
            assertThat(keeps("{\"tenant\": [\"globex\"]}")).isFalse();
        }

        @Test
        void requiresEveryFieldOfThePatternToMatch() {
            assertThat(keeps("{\"type\": [\"user.payment.updated\"], \"data\": {\"payment\": {\"currency\": [\"CNY\"]}}}"))
                    .isTrue();
            assertThat(keeps("{\"type\": [\"user.payment.updated\"], \"data\": {\"payment\": {\"currency\": [\"USD\"]}}}"))
                    .isFalse();
        }

        @Test
        void matchesAPrefix() {
            assertThat(keeps("{\"type\": [{\"prefix\": \"user.payment.\"}]}")).isTrue();
            assertThat(keeps("{\"type\": [{\"prefix\": \"order.\"}]}")).isFalse();
        }

        @Test
        void matchesAPrefixIgnoringCase() {
            assertThat(keeps("{\"data\": {\"payment\": {\"bank\": [{\"prefix\": {\"equals-ignore-case\": \"icbc\"}}]}}}"))
                    .isTrue();
        }

        @Test
        void matchesASuffix() {
            assertThat(keeps("{\"type\": [{\"suffix\": \".updated\"}]}")).isTrue();
            assertThat(keeps("{\"type\": [{\"suffix\": \".deleted\"}]}")).isFalse();
        }

        @Test
        void matchesASuffixIgnoringCase() {
            assertThat(keeps("{\"data\": {\"payment\": {\"bank\": [{\"suffix\": {\"equals-ignore-case\": \"BEIJING\"}}]}}}"))
                    .isTrue();
        }

        @Test
        void matchesEqualsIgnoreCase() {
            assertThat(keeps("{\"data\": {\"payment\": {\"currency\": [{\"equals-ignore-case\": \"cny\"}]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"payment\": {\"currency\": [{\"equals-ignore-case\": \"usd\"}]}}}")).isFalse();
        }

        @Test
        void matchesAWildcard() {
            assertThat(keeps("{\"subject\": [{\"wildcard\": \"users/*\"}]}")).isTrue();
            assertThat(keeps("{\"type\": [{\"wildcard\": \"user.*.updated\"}]}")).isTrue();
            assertThat(keeps("{\"subject\": [{\"wildcard\": \"orders/*\"}]}")).isFalse();
        }

        @Test
        void matchesAnythingButOneValue() {
            assertThat(keeps("{\"data\": {\"payment\": {\"currency\": [{\"anything-but\": \"USD\"}]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"payment\": {\"currency\": [{\"anything-but\": \"CNY\"}]}}}")).isFalse();
        }

        @Test
        void matchesAnythingButAListOfValues() {
            assertThat(keeps("{\"data\": {\"payment\": {\"currency\": [{\"anything-but\": [\"USD\", \"EUR\"]}]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"payment\": {\"currency\": [{\"anything-but\": [\"USD\", \"CNY\"]}]}}}")).isFalse();
            assertThat(keeps("{\"data\": {\"payment\": {\"count\": [{\"anything-but\": [1, 2]}]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"payment\": {\"count\": [{\"anything-but\": [10]}]}}}")).isFalse();
        }

        @Test
        void matchesAnythingButAPrefix() {
            assertThat(keeps("{\"type\": [{\"anything-but\": {\"prefix\": \"order.\"}}]}")).isTrue();
            assertThat(keeps("{\"type\": [{\"anything-but\": {\"prefix\": \"user.\"}}]}")).isFalse();
        }

        @Test
        void matchesAnythingButASuffix() {
            assertThat(keeps("{\"type\": [{\"anything-but\": {\"suffix\": \".deleted\"}}]}")).isTrue();
            assertThat(keeps("{\"type\": [{\"anything-but\": {\"suffix\": \".updated\"}}]}")).isFalse();
        }

        @Test
        void matchesANumericRange() {
            assertThat(keeps("{\"data\": {\"payment\": {\"amount\": [{\"numeric\": [\">\", 100, \"<=\", 200]}]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"payment\": {\"amount\": [{\"numeric\": [\">\", 0, \"<\", 100]}]}}}")).isFalse();
        }

        @Test
        void matchesANumericEquality() {
            assertThat(keeps("{\"data\": {\"payment\": {\"amount\": [{\"numeric\": [\"=\", 120.5]}]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"payment\": {\"amount\": [{\"numeric\": [\"=\", 120]}]}}}")).isFalse();
        }

        @Test
        void matchesOnlyJsonNumbersWithNumeric() {
            // "code" is the string "10": numeric never lets a string through, however numeric it looks
            assertThat(keeps("{\"data\": {\"payment\": {\"code\": [{\"numeric\": [\">\", 5]}]}}}")).isFalse();
            assertThat(keeps("{\"data\": {\"payment\": {\"count\": [{\"numeric\": [\">\", 5]}]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"payment\": {\"verified\": [{\"numeric\": [\">\", 0]}]}}}")).isFalse();
        }

        @Test
        void neverTreatsTheStringTenAsTheNumberTen() {
            assertThat(keeps("{\"data\": {\"payment\": {\"code\": [10]}}}")).isFalse();
            assertThat(keeps("{\"data\": {\"payment\": {\"count\": [\"10\"]}}}")).isFalse();
            assertThat(keeps("{\"data\": {\"payment\": {\"code\": [\"10\"]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"payment\": {\"count\": [10]}}}")).isTrue();
        }

        @Test
        void comparesExactNumbersByValueNotByHowTheyAreWritten() {
            assertThat(keeps("{\"data\": {\"payment\": {\"count\": [10.0]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"payment\": {\"count\": [1.0e1]}}}")).isTrue();
        }

        @Test
        void neverTreatsTheStringTrueAsTheBooleanTrue() {
            assertThat(keeps("{\"data\": {\"payment\": {\"verified\": [true]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"payment\": {\"verified\": [\"true\"]}}}")).isFalse();
        }

        @Test
        void matchesExistsTrueOnAPresentField() {
            assertThat(keeps("{\"data\": {\"userId\": [{\"exists\": true}]}}")).isTrue();
            assertThat(keeps("{\"data\": {\"email\": [{\"exists\": true}]}}")).isFalse();
        }

        @Test
        void matchesExistsFalseOnAnAbsentField() {
            assertThat(keeps("{\"data\": {\"email\": [{\"exists\": false}]}}")).isTrue();
            assertThat(keeps("{\"data\": {\"userId\": [{\"exists\": false}]}}")).isFalse();
        }

        @Test
        void matchesAnIpAddressInACidrBlock() {
            assertThat(keeps("{\"data\": {\"payment\": {\"ip\": [{\"cidr\": \"10.0.0.0/24\"}]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"payment\": {\"ip\": [{\"cidr\": \"192.168.0.0/16\"}]}}}")).isFalse();
        }

        @Test
        void keepsEventsMatchingAnyAlternativeOfOr() {
            String pattern = """
                    {"$or": [{"data": {"payment": {"currency": ["USD"]}}}, {"tenant": ["acme"]}]}""";

            assertThat(keeps(pattern)).isTrue();
            assertThat(keeps(pattern, event("{\"payment\": {\"currency\": \"USD\"}}"))).isTrue();
            assertThat(keeps(pattern, PAYMENT.replace("\"acme\"", "\"globex\""))).isFalse();
        }

        @Test
        void combinesOrWithTheOtherFieldsOfThePattern() {
            String pattern = """
                    {"type": ["user.created"], "$or": [{"tenant": ["acme"]}, {"subject": ["users/42"]}]}""";

            assertThat(keeps(pattern)).isFalse();
            assertThat(keeps(pattern, PAYMENT.replace("user.payment.updated", "user.created"))).isTrue();
        }

        @Test
        void acceptsOrInsideData() {
            assertThat(keeps("""
                    {"data": {"$or": [{"userId": ["u-1"]}, {"payment": {"amount": [{"numeric": [">", 100]}]}}]}}"""))
                    .isTrue();
        }
    }

    @Nested
    class Edges {

        @Test
        void matchesAnEventArrayWhenAnyElementMatches() {
            assertThat(keeps("{\"data\": {\"tags\": [\"beta\"]}}")).isTrue();
            assertThat(keeps("{\"data\": {\"tags\": [{\"prefix\": \"vi\"}]}}")).isTrue();
            assertThat(keeps("{\"data\": {\"tags\": [\"gold\"]}}")).isFalse();
        }

        @Test
        void matchesNumericOnAnArrayWhenAnyElementIsInRange() {
            assertThat(keeps("{\"data\": {\"items\": {\"qty\": [{\"numeric\": [\">\", 4]}]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"items\": {\"qty\": [{\"numeric\": [\">\", 5]}]}}}")).isFalse();
        }

        @Test
        void matchesAnythingButOnAnArrayWhenAnyElementDiffers() {
            // ["vip", "beta"] has an element that is not "vip", so the event is kept
            assertThat(keeps("{\"data\": {\"tags\": [{\"anything-but\": \"vip\"}]}}")).isTrue();
            assertThat(keeps("{\"data\": {\"tags\": [{\"anything-but\": [\"vip\", \"beta\"]}]}}")).isFalse();
        }

        @Test
        void requiresFieldsInsideAnArrayOfObjectsToMatchInTheSameElement() {
            assertThat(keeps("{\"data\": {\"items\": {\"sku\": [\"b\"], \"qty\": [5]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"items\": {\"sku\": [\"a\"], \"qty\": [5]}}}")).isFalse();
        }

        @Test
        void dropsEventsMissingAFieldThePatternNames() {
            assertThat(keeps("{\"data\": {\"payment\": {\"iban\": [\"DE02\"]}}}")).isFalse();
            assertThat(keeps("{\"data\": {\"payment\": {\"currency\": [\"CNY\"]}}}", """
                    {"specversion": "1.0", "id": "e-2", "source": "/user-center", "type": "user.deleted"}""")).isFalse();
        }

        @Test
        void neverMatchesAnythingButOnAMissingField() {
            assertThat(keeps("{\"data\": {\"payment\": {\"iban\": [{\"anything-but\": \"DE02\"}]}}}")).isFalse();
        }

        @Test
        void matchesNestedObjectsLevelByLevel() {
            assertThat(keeps("{\"data\": {\"payment\": {\"currency\": [\"CNY\"]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"currency\": [\"CNY\"]}}")).isFalse();
        }

        @Test
        void neverMatchesAValueListAgainstAnObject() {
            assertThat(keeps("{\"data\": {\"payment\": [\"CNY\"]}}")).isFalse();
        }

        @Test
        void matchesNullOnANullValueButNotOnAMissingField() {
            assertThat(keeps("{\"data\": {\"payment\": {\"note\": [null]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"payment\": {\"memo\": [null]}}}")).isFalse();
        }

        @Test
        void countsANullValueAsPresentForExists() {
            assertThat(keeps("{\"data\": {\"payment\": {\"note\": [{\"exists\": true}]}}}")).isTrue();
            assertThat(keeps("{\"data\": {\"payment\": {\"note\": [{\"exists\": false}]}}}")).isFalse();
        }

        @Test
        void matchesAnythingButOnANullValue() {
            assertThat(keeps("{\"data\": {\"payment\": {\"note\": [{\"anything-but\": \"x\"}]}}}")).isTrue();
        }

        @Test
        void matchesTheEmptyStringOnlyToTheEmptyString() {
            assertThat(keeps("{\"data\": {\"userId\": [\"\"]}}")).isFalse();
            assertThat(keeps("{\"data\": {\"userId\": [\"\"]}}", event("{\"userId\": \"\"}"))).isTrue();
        }

        @Test
        void appliesExistsToLeafValuesOnlyNotToObjects() {
            // EventBridge semantics: "payment" is an object, so exists:true does not see it, and exists:false does
            assertThat(keeps("{\"data\": {\"payment\": [{\"exists\": true}]}}")).isFalse();
            assertThat(keeps("{\"data\": {\"payment\": [{\"exists\": false}]}}")).isTrue();
        }

        @Test
        void treatsAnEmptyEventArrayAsAnAbsentField() {
            assertThat(keeps("{\"data\": {\"empty\": [{\"exists\": false}]}}")).isTrue();
            assertThat(keeps("{\"data\": {\"empty\": [{\"exists\": true}]}}")).isFalse();
        }

        @Test
        void treatsADottedKeyInTheEventLikeANestedField() {
            // ruler flattens field names with dots, so {"payment.currency": …} and {"payment": {"currency": …}} match alike
            assertThat(keeps("{\"data\": {\"payment\": {\"currency\": [\"CNY\"]}}}",
                    event("{\"payment.currency\": \"CNY\"}"))).isTrue();
        }
    }

    @Nested
    class InvalidPatterns {

        @Test
        void rejectsAnEmptyPatternExplainingItWouldDropEverything() {
            assertThat(patternProblems("{}")).singleElement().satisfies(problem -> {
                assertThat(problem.path()).isEqualTo("$.pattern");
                assertThat(problem.message()).contains("is empty", "matches no event", "drop everything",
                        "remove the filter node");
            });
        }

        @Test
        void aRulerMachineWithoutARuleMatchesNoEvent() {
            // pins the claim made when refusing {}: ruler has no rule to match, so nothing would pass
            Machine machine = Machine.builder().build();

            assertThat(machine.rulesForJSONEvent(FlowJson.parse(PAYMENT))).isEmpty();
        }

        @Test
        void rejectsAMissingPatternOrOneThatIsNotAnObject() {
            assertThat(problems("{}")).extracting(FlowProblem::path).containsExactly("$.pattern");
            assertThat(patternProblems("[\"CNY\"]")).extracting(FlowProblem::path).containsExactly("$.pattern");
            assertThat(problems("{\"pattern\": {\"type\": [\"a\"]}, \"extra\": 1}"))
                    .extracting(FlowProblem::path).containsExactly("$.extra");
        }

        @Test
        void rejectsAnUnknownOperatorAtItsPathAndListsTheKnownOnes() {
            assertThat(patternProblems("{\"data\": {\"amount\": [{\"bigger\": 5}]}}")).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("$.pattern.data.amount[0].bigger");
                assertThat(p.message()).contains("unknown operator 'bigger'", "prefix", "anything-but", "numeric");
            });
        }

        @Test
        void rejectsNumericRangeWithStringBound() {
            assertThat(patternProblems("{\"data\": {\"amount\": [{\"numeric\": [\">\", \"100\"]}]}}"))
                    .singleElement().satisfies(p -> {
                        assertThat(p.path()).isEqualTo("$.pattern.data.amount[0].numeric[1]");
                        assertThat(p.message()).contains("must be numeric");
                    });
        }

        @Test
        void rejectsNumericRangeWithAnUnknownComparison() {
            assertThat(patternProblems("{\"data\": {\"amount\": [{\"numeric\": [\"~\", 100]}]}}"))
                    .singleElement().satisfies(p -> {
                        assertThat(p.path()).startsWith("$.pattern.data.amount[0].numeric");
                        assertThat(p.message()).contains("numeric range operator: ~");
                    });
        }

        @Test
        void rejectsNumericRangeWhoseLowerBoundIsAboveItsUpperBound() {
            assertThat(patternProblems("{\"data\": {\"amount\": [{\"numeric\": [\">\", 100, \"<\", 5]}]}}"))
                    .singleElement().satisfies(p -> {
                        assertThat(p.path()).isEqualTo("$.pattern.data.amount[0].numeric");
                        assertThat(p.message()).contains("Bottom must be less than top");
                    });
        }

        @Test
        void rejectsNumericThatIsNotAList() {
            assertThat(patternProblems("{\"data\": {\"amount\": [{\"numeric\": 100}]}}"))
                    .extracting(FlowProblem::path).containsExactly("$.pattern.data.amount[0].numeric");
        }

        @Test
        void rejectsAValueNotWrappedInAList() {
            assertThat(patternProblems("{\"data\": {\"payment\": {\"currency\": \"CNY\"}}}"))
                    .singleElement().satisfies(p -> {
                        assertThat(p.path()).isEqualTo("$.pattern.data.payment.currency");
                        assertThat(p.message()).contains("must be an object or an array");
                    });
        }

        @Test
        void rejectsAnEmptyListOfValues() {
            assertThat(patternProblems("{\"type\": []}")).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("$.pattern.type");
                assertThat(p.message()).contains("empty list");
            });
        }

        @Test
        void rejectsAnEmptyNestedObject() {
            assertThat(patternProblems("{\"type\": [\"a\"], \"data\": {}}")).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("$.pattern.data");
                assertThat(p.message()).contains("empty object");
            });
        }

        @Test
        void rejectsAListInsideAValueList() {
            assertThat(patternProblems("{\"data\": {\"count\": [[1, 2]]}}"))
                    .extracting(FlowProblem::path).containsExactly("$.pattern.data.count[0]");
        }

        @Test
        void rejectsStringOperatorsGivenANumber() {
            assertThat(patternProblems("{\"type\": [{\"prefix\": 5}]}"))
                    .extracting(FlowProblem::path).containsExactly("$.pattern.type[0].prefix");
            assertThat(patternProblems("{\"type\": [{\"wildcard\": 5}]}"))
                    .extracting(FlowProblem::path).containsExactly("$.pattern.type[0].wildcard");
            assertThat(patternProblems("{\"type\": [{\"equals-ignore-case\": 5}]}"))
                    .extracting(FlowProblem::path).containsExactly("$.pattern.type[0]['equals-ignore-case']");
        }

        @Test
        void rejectsExistsWithAnythingButTrueOrFalse() {
            assertThat(patternProblems("{\"data\": {\"email\": [{\"exists\": \"yes\"}]}}")).singleElement()
                    .satisfies(p -> {
                        assertThat(p.path()).isEqualTo("$.pattern.data.email[0].exists");
                        assertThat(p.message()).contains("true or false");
                    });
        }

        @Test
        void rejectsTwoOperatorsInOneMatch() {
            assertThat(patternProblems("{\"type\": [{\"prefix\": \"user.\", \"suffix\": \".updated\"}]}"))
                    .singleElement().satisfies(p -> {
                        assertThat(p.path()).isEqualTo("$.pattern.type[0].suffix");
                        assertThat(p.message()).contains("Only one key allowed");
                    });
        }

        @Test
        void rejectsAnythingButMixingNumbersAndStrings() {
            assertThat(patternProblems("{\"data\": {\"code\": [{\"anything-but\": [10, \"10\"]}]}}"))
                    .extracting(FlowProblem::path).containsExactly("$.pattern.data.code[0]['anything-but']");
        }

        @Test
        void rejectsAnythingButWithAnUnsupportedOperator() {
            assertThat(patternProblems("{\"data\": {\"n\": [{\"anything-but\": {\"numeric\": [\">\", 1]}}]}}"))
                    .singleElement().satisfies(p -> {
                        assertThat(p.path()).isEqualTo("$.pattern.data.n[0]['anything-but'].numeric");
                        assertThat(p.message()).contains("Unsupported anything-but pattern: numeric");
                    });
        }

        @Test
        void rejectsConsecutiveWildcards() {
            assertThat(patternProblems("{\"subject\": [{\"wildcard\": \"users/**\"}]}"))
                    .singleElement().satisfies(p -> {
                        assertThat(p.path()).isEqualTo("$.pattern.subject[0].wildcard");
                        assertThat(p.message()).contains("Consecutive wildcard characters");
                    });
        }

        @Test
        void rejectsOrWithASingleAlternative() {
            // ruler alone would blame "unknown match type type" inside it
            assertThat(patternProblems("{\"$or\": [{\"type\": [\"a\"]}]}")).singleElement().satisfies(p -> {
                assertThat(p.path()).isEqualTo("$.pattern['$or']");
                assertThat(p.message()).contains("two or more patterns");
            });
        }

        @Test
        void rejectsOrGivenAsAnObjectWhichRulerWouldTakeForAFieldNamedOr() {
            assertThat(patternProblems("{\"data\": {\"$or\": {\"a\": [\"x\"]}}}"))
                    .extracting(FlowProblem::path).containsExactly("$.pattern.data['$or']");
        }

        @Test
        void rejectsAnEmptyOrAlternative() {
            assertThat(patternProblems("{\"$or\": [{\"type\": [\"a\"]}, {}]}"))
                    .extracting(FlowProblem::path).containsExactly("$.pattern['$or'][1]");
        }

        @Test
        void reportsPatternProblemsInsideAFlowAtTheirFullPath() {
            FlowValidator validator = new FlowValidator(REGISTRY);
            String flow = """
                    {"schemaVersion": 1, "name": "cny", "workspace": "finance",
                     "nodes": [{"id": "in", "kind": "source", "config": {"source": "user-center.users"}},
                               {"id": "big", "kind": "filter", "config": {"pattern": {"data": {"amount": [{"numeric": [">", "x"]}]}}}},
                               {"id": "out", "kind": "target.log"}],
                     "edges": [{"from": "in", "to": "big"}, {"from": "big", "to": "out"}]}""";

            InvalidFlowException invalid = catchThrowableOfType(InvalidFlowException.class,
                    () -> validator.read(flow, CONTEXT));

            assertThat(invalid.problems()).extracting(FlowProblem::path)
                    .containsExactly("$.nodes[1].config.pattern.data.amount[0].numeric[1]");
        }
    }
}
