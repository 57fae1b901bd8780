package dev.sluice.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.sluice.flow.FlowJson;

class EventPathTest {

    private static ObjectNode event(String json) {
        return (ObjectNode) FlowJson.parse(json);
    }

    private static String paths(EventPath path, ObjectNode event) {
        return String.join(" ", path.locate(event).stream().map(EventPath.Location::path).toList());
    }

    @Nested
    class Compiling {

        @ParameterizedTest(name = "{0}")
        @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
                $.data.items[?(@.price > 1)] | 14 | filters ([?(...)]) are not supported
                $.data.items[1:3]            | 15 | unions and slices are not supported
                $.data.items[:3]             | 14 | unions and slices are not supported
                $.data['a','b']              | 11 | unions and slices are not supported
                $.data.items[0,1]            | 15 | unions and slices are not supported
                $..email                     |  3 | deep scan (..) is not supported
                $.data..email                |  8 | deep scan (..) is not supported
                $.data.items[-1]             | 14 | negative array indexes are not supported
                data.email                   |  1 | must start with $
                $.data.                      |  8 | a field name is expected after '.'
                $.data email                 |  7 | expected . or [ but found ' '
                $.data['email                | 14 | unclosed quote
                $.data.items[0               | 15 | expected ]
                $.data[]                     |  8 | expected a quoted name, an index or * inside [ ]
                $.data.items[99999999999]    | 25 | array index too large
                $.data.items[١]             | 14 | expected a quoted name, an index or * inside [ ]
                """)
        void refusesWhatTheSubsetLeavesOutNamingThePosition(String expression, int position, String reason) {
            assertThatIllegalArgumentException().isThrownBy(() -> EventPath.compile(expression))
                    .withMessageStartingWith("invalid JSONPath '" + expression + "' at position " + position + ": " + reason);
        }

        @Test
        void requiresAnExpression() {
            assertThatIllegalArgumentException().isThrownBy(() -> EventPath.compile(" "))
                    .withMessageContaining("a JSONPath is required");
            assertThatIllegalArgumentException().isThrownBy(() -> EventPath.compile(null))
                    .withMessageContaining("a JSONPath is required");
        }

        @Test
        void tellsDefinitePathsFromWildcards() {
            assertThat(EventPath.compile("$.data.contacts[0]['phone']").isDefinite()).isTrue();
            assertThat(EventPath.compile("$.data.contacts[*].phone").isDefinite()).isFalse();
            assertThat(EventPath.compile("$.data.*").isDefinite()).isFalse();
            assertThat(EventPath.compile("$").isDefinite()).isTrue();
        }

        @Test
        void tellsDataPathsFromAttributePaths() {
            assertThat(EventPath.compile("$.data").isUnderData()).isTrue();
            assertThat(EventPath.compile("$['data'].email").isUnderData()).isTrue();
            assertThat(EventPath.compile("$.database").isUnderData()).isFalse();
            assertThat(EventPath.compile("$.subject").isUnderData()).isFalse();
            assertThat(EventPath.compile("$.*").isUnderData()).isFalse();
            assertThat(EventPath.compile("$").isUnderData()).isFalse();
            assertThat(EventPath.compile("$").isRoot()).isTrue();
        }

        @Test
        void keepsTheExpressionAsWritten() {
            assertThat(EventPath.compile("$.data['a b']").expression()).isEqualTo("$.data['a b']");
            assertThat(EventPath.compile("$.data.x")).hasToString("$.data.x");
        }
    }

    @Nested
    class QuotedNames {

        private final ObjectNode event = event("""
                {"data": {"first.name": "Ada", "home address": {"city": "Turin"}, "it's": 1, "a-b": 2, "$ref": 3}}""");

        @Test
        void readsNamesWithDotsAndSpaces() {
            assertThat(EventPath.compile("$.data['first.name']").read(event).asText()).isEqualTo("Ada");
            assertThat(EventPath.compile("$.data[\"home address\"].city").read(event).asText()).isEqualTo("Turin");
            assertThat(EventPath.compile("$.data['it\\'s']").read(event).asInt()).isEqualTo(1);
        }

        @Test
        void acceptsDashesAndDollarsInDottedNames() {
            assertThat(EventPath.compile("$.data.a-b").read(event).asInt()).isEqualTo(2);
            assertThat(EventPath.compile("$.data.$ref").read(event).asInt()).isEqualTo(3);
        }

        @Test
        void rendersOddNamesQuotedInLocations() {
            assertThat(paths(EventPath.compile("$.data['first.name']"), event)).isEqualTo("$.data['first.name']");
            assertThat(paths(EventPath.compile("$.data['home address'].city"), event))
                    .isEqualTo("$.data['home address'].city");
        }

        @Test
        void doesNotSplitAQuotedNameAtItsDot() {
            ObjectNode nested = event("""
                    {"data": {"first": {"name": "nested"}, "first.name": "flat"}}""");

            assertThat(EventPath.compile("$.data['first.name']").read(nested).asText()).isEqualTo("flat");
            assertThat(EventPath.compile("$.data.first.name").read(nested).asText()).isEqualTo("nested");
        }
    }

    @Nested
    class Locating {

        private final ObjectNode event = event("""
                {"type": "user.updated",
                 "data": {"phones": {"home": "1", "work": "2"},
                          "contacts": [{"phone": "a"}, {"name": "no phone"}, {"phone": "c"}, "text", null],
                          "gone": null}}""");

        @Test
        void wildcardCoversTheMembersOfAnObject() {
            assertThat(paths(EventPath.compile("$.data.phones.*"), event))
                    .isEqualTo("$.data.phones.home $.data.phones.work");
            assertThat(paths(EventPath.compile("$.data.phones[*]"), event))
                    .isEqualTo("$.data.phones.home $.data.phones.work");
        }

        @Test
        void wildcardCoversTheElementsOfAnArray() {
            assertThat(paths(EventPath.compile("$.data.contacts[*]"), event))
                    .isEqualTo("$.data.contacts[0] $.data.contacts[1] $.data.contacts[2] $.data.contacts[3] "
                            + "$.data.contacts[4]");
        }

        @Test
        void wildcardSkipsElementsWithoutTheField() {
            assertThat(paths(EventPath.compile("$.data.contacts[*].phone"), event))
                    .isEqualTo("$.data.contacts[0].phone $.data.contacts[2].phone");
        }

        @Test
        void wildcardOverAScalarFindsNothing() {
            assertThat(EventPath.compile("$.type.*").locate(event)).isEmpty();
        }

        @Test
        void findsNothingWhereTheFieldIsAbsent() {
            assertThat(EventPath.compile("$.data.missing").locate(event)).isEmpty();
            assertThat(EventPath.compile("$.data.missing.deeper").locate(event)).isEmpty();
            assertThat(EventPath.compile("$.data.phones.home.digits").locate(event)).isEmpty();
            assertThat(EventPath.compile("$.data.contacts[9]").locate(event)).isEmpty();
            assertThat(EventPath.compile("$.data.contacts.phone").locate(event)).isEmpty();
            assertThat(EventPath.compile("$.data.phones[0]").locate(event)).isEmpty();
            assertThat(EventPath.compile("$.data.gone.x").locate(event)).isEmpty();
        }

        @Test
        void findsAFieldThatIsPresentButNull() {
            assertThat(EventPath.compile("$.data.gone").locate(event)).singleElement()
                    .satisfies(location -> assertThat(location.value().isNull()).isTrue());
        }

        @Test
        void findsNothingForTheRoot() {
            assertThat(EventPath.compile("$").locate(event)).isEmpty();
        }

        @Test
        void givesLocationsThatReplaceInPlace() {
            EventPath.compile("$.data.contacts[*].phone").locate(event)
                    .forEach(location -> location.replace(TextNode.valueOf("***")));
            EventPath.compile("$.data.contacts[3]").locate(event)
                    .forEach(location -> location.replace(TextNode.valueOf("hidden")));

            assertThat(event.at("/data/contacts").toString())
                    .isEqualTo("[{\"phone\":\"***\"},{\"name\":\"no phone\"},{\"phone\":\"***\"},\"hidden\",null]");
        }
    }

    @Nested
    class Reading {

        private final ObjectNode event = event("""
                {"id": "1", "data": {"name": "Ada", "items": [{"sku": "x"}], "none": null}}""");

        @Test
        void readsDefinitePaths() {
            assertThat(EventPath.compile("$.id").read(event).asText()).isEqualTo("1");
            assertThat(EventPath.compile("$.data.items[0].sku").read(event).asText()).isEqualTo("x");
            assertThat(EventPath.compile("$").read(event)).isSameAs(event);
        }

        @Test
        void readsAbsentAsNullAndPresentNullAsANullNode() {
            assertThat(EventPath.compile("$.data.age").read(event)).isNull();
            assertThat(EventPath.compile("$.data.name.first").read(event)).isNull();
            assertThat(EventPath.compile("$.data.items[1]").read(event)).isNull();
            assertThat(EventPath.compile("$.data.items.sku").read(event)).isNull();
            assertThat(EventPath.compile("$.data.none.x").read(event)).isNull();
            assertThat(EventPath.compile("$.data.none").read(event).isNull()).isTrue();
        }

        @Test
        void refusesToReadAWildcard() {
            assertThatIllegalStateException().isThrownBy(() -> EventPath.compile("$.data.items[*].sku").read(event));
        }
    }

    @Nested
    class Writing {

        @Test
        void createsMissingObjects() {
            ObjectNode event = event("{\"id\": \"1\"}");

            assertThat(EventPath.compile("$.data.address.city").write(event, TextNode.valueOf("Turin"))).isTrue();

            assertThat(event.toString()).isEqualTo("{\"id\":\"1\",\"data\":{\"address\":{\"city\":\"Turin\"}}}");
        }

        @Test
        void createsMissingArraysForIndexes() {
            ObjectNode event = event("{\"data\": {}}");

            assertThat(EventPath.compile("$.data.items[0].sku").write(event, TextNode.valueOf("x"))).isTrue();
            assertThat(EventPath.compile("$.data.items[1]['unit price']").write(event, TextNode.valueOf("2"))).isTrue();

            assertThat(event.toString()).isEqualTo("{\"data\":{\"items\":[{\"sku\":\"x\"},{\"unit price\":\"2\"}]}}");
        }

        @Test
        void replacesANullOnTheWayWithAContainer() {
            ObjectNode event = event("{\"data\": {\"address\": null}}");

            assertThat(EventPath.compile("$.data.address.city").write(event, TextNode.valueOf("Turin"))).isTrue();

            assertThat(event.toString()).isEqualTo("{\"data\":{\"address\":{\"city\":\"Turin\"}}}");
        }

        @Test
        void overwritesWhatIsThere() {
            ObjectNode event = event("{\"data\": {\"name\": {\"first\": \"Ada\"}, \"tags\": [\"a\", \"b\"]}}");

            EventPath.compile("$.data.name").write(event, TextNode.valueOf("Ada L."));
            EventPath.compile("$.data.tags[1]").write(event, TextNode.valueOf("c"));

            assertThat(event.toString()).isEqualTo("{\"data\":{\"name\":\"Ada L.\",\"tags\":[\"a\",\"c\"]}}");
        }

        @Test
        void refusesToGoThroughAString() {
            ObjectNode event = event("{\"data\": {\"name\": \"Ada\"}}");

            assertThat(EventPath.compile("$.data.name.first").write(event, TextNode.valueOf("x"))).isFalse();
            assertThat(EventPath.compile("$.data.name[0]").write(event, TextNode.valueOf("x"))).isFalse();

            assertThat(event.toString()).isEqualTo("{\"data\":{\"name\":\"Ada\"}}");
        }

        @Test
        void refusesToMixUpObjectsAndArrays() {
            ObjectNode event = event("{\"data\": {\"address\": {\"city\": \"Turin\"}, \"items\": [{}]}}");

            assertThat(EventPath.compile("$.data.address[0]").write(event, TextNode.valueOf("x"))).isFalse();
            assertThat(EventPath.compile("$.data.items.sku").write(event, TextNode.valueOf("x"))).isFalse();
            assertThat(EventPath.compile("$[0]").write(event, TextNode.valueOf("x"))).isFalse();

            assertThat(event.toString()).isEqualTo("{\"data\":{\"address\":{\"city\":\"Turin\"},\"items\":[{}]}}");
        }

        @Test
        void appendsAtTheEndButRefusesAnIndexPastIt() {
            ObjectNode event = event("{\"data\": {\"tags\": [\"a\"]}}");

            assertThat(EventPath.compile("$.data.tags[1]").write(event, TextNode.valueOf("b"))).isTrue();
            assertThat(EventPath.compile("$.data.tags[5]").write(event, TextNode.valueOf("x"))).isFalse();
            assertThat(EventPath.compile("$.data.tags[2000000000]").write(event, TextNode.valueOf("x"))).isFalse();

            assertThat(event.toString()).isEqualTo("{\"data\":{\"tags\":[\"a\",\"b\"]}}");
        }

        @Test
        void createsNothingWhenItRefusesFurtherDown() {
            ObjectNode event = event("{\"data\": {}}");

            assertThat(EventPath.compile("$.data.list[2].sku").write(event, TextNode.valueOf("x"))).isFalse();
            assertThat(EventPath.compile("$.data.a.b[1]").write(event, TextNode.valueOf("x"))).isFalse();

            assertThat(event.toString()).isEqualTo("{\"data\":{}}");
        }

        @Test
        void refusesTheRootAndWildcards() {
            ObjectNode event = event("{\"data\": {}}");

            assertThatIllegalStateException().isThrownBy(() -> EventPath.compile("$").write(event, event));
            assertThatIllegalStateException()
                    .isThrownBy(() -> EventPath.compile("$.data.*").write(event, TextNode.valueOf("x")));
        }
    }

    @Nested
    class Removing {

        @Test
        void removesAFieldFromEveryElement() {
            ObjectNode event = event("""
                    {"data": {"items": [{"sku": "a", "secret": 1}, {"sku": "b"}, {"sku": "c", "secret": 3}]}}""");

            EventPath.compile("$.data.items[*].secret").removeAll(event);

            assertThat(event.toString()).isEqualTo("{\"data\":{\"items\":[{\"sku\":\"a\"},{\"sku\":\"b\"},{\"sku\":\"c\"}]}}");
        }

        @Test
        void removesSeveralArrayElementsWithoutShiftingIntoTheWrongOnes() {
            ObjectNode event = event("{\"data\": {\"rows\": [[1, 2, 3], [4, 5, 6]], \"tags\": [\"a\", \"b\", \"c\"]}}");

            EventPath.compile("$.data.rows[*][1]").removeAll(event);
            EventPath.compile("$.data.tags[*]").removeAll(event);

            assertThat(event.toString()).isEqualTo("{\"data\":{\"rows\":[[1,3],[4,6]],\"tags\":[]}}");
        }

        @Test
        void removesEveryElementOfNestedArrays() {
            ObjectNode event = event("{\"data\": {\"rows\": [[1, 2], [3], []]}}");

            EventPath.compile("$.data.rows[*][*]").removeAll(event);

            assertThat(event.toString()).isEqualTo("{\"data\":{\"rows\":[[],[],[]]}}");
        }

        @Test
        void removesEveryMemberOfAnObject() {
            ObjectNode event = event("{\"id\": \"1\", \"data\": {\"a\": 1, \"b\": {\"c\": 2}}}");

            EventPath.compile("$.data.*").removeAll(event);

            assertThat(event.toString()).isEqualTo("{\"id\":\"1\",\"data\":{}}");
        }

        @Test
        void removingWhatIsAbsentChangesNothing() {
            ObjectNode event = event("{\"data\": {\"a\": [1]}}");

            EventPath.compile("$.data.b").removeAll(event);
            EventPath.compile("$.data.a[3]").removeAll(event);
            EventPath.compile("$.data.a[*].x").removeAll(event);

            assertThat(event.toString()).isEqualTo("{\"data\":{\"a\":[1]}}");
        }
    }
}
