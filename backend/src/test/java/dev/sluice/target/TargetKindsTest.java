package dev.sluice.target;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowNode;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.Problems;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.ValidationContext;

class TargetKindsTest {

    private static List<FlowProblem> problems(String kind, String config) {
        Problems problems = new Problems().at(".config");
        NodeRegistry.builtIn().validateConfig(
                new FlowNode("t", kind, (com.fasterxml.jackson.databind.node.ObjectNode) FlowJson.parse(config)),
                ValidationContext.standalone("finance"), problems);
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
    void refusesHttpTargetsWithASecretGivenAsPlainTextWhereAReferenceIsNeeded() {
        assertThat(problems("target.http", """
                {"url": "https://ledger.internal/x", "signature": {"key": "plain-secret"}}"""))
                .extracting(FlowProblem::path).containsExactly("$.config.signature.key");
    }

    @Test
    void refusesJdbcTargetsWhoseTableOrColumnsCouldInjectSql() {
        assertThat(problems("target.jdbc", """
                {"url": "jdbc:postgresql://db/x", "table": "t; drop table users", "key": ["id", "ghost"],
                 "columns": {"id": "$.data.userId", "name\\"; --": "$.data.name", "tags": "$.data.tags[*]"}}"""))
                .extracting(FlowProblem::path)
                .containsExactlyInAnyOrder("$.config.table", "$.config.columns['name\"; --']",
                        "$.config.columns.tags", "$.config.key[1]");
    }

    @Test
    void refusesRabbitMqTargetsWithCredentialsInTheBrokerUri() {
        assertThat(problems("target.rabbitmq", """
                {"exchange": "x", "broker": {"uri": "amqp://guest:guest@rabbit:5672/"}}"""))
                .extracting(FlowProblem::path).containsExactly("$.config.broker.uri");
        assertThat(problems("target.rabbitmq", """
                {"exchange": "ledger", "routingKey": "k", "broker": {"uri": "amqps://rabbit:5671/finance",
                 "username": "sluice", "password": {"secret": "rabbit-pw"}}}""")).isEmpty();
    }
}
