package dev.sluice.target;

import java.net.http.HttpClient;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.pipeline.CompileContext;
import dev.sluice.pipeline.FailureKind;

/**
 * What opening a delivery may use.
 *
 * @param broker    the platform's broker, for {@code target.rabbitmq} without a connection
 * @param http      the shared HTTP client
 * @param secrets   the flow workspace's secrets
 * @param workspace the flow's workspace
 * @param reach     its connections, the rules endpoints must pass, and the sources it owns
 */
public record TargetContext(BrokerConnection broker, HttpClient http, CompileContext.SecretLookup secrets,
                            String workspace, WorkspaceReach reach) {

    byte[] secret(String name, String usedFor) {
        return secrets.find(name).orElseThrow(() -> new IllegalStateException(
                "the secret '" + name + "' used for " + usedFor + " is not defined in this workspace"));
    }

    /** A secret's value as text (a password, a header's token), or null when none is named. */
    String secretText(SecretRef secret, String usedFor) {
        return secret == null ? null : new String(secret(secret.secret(), usedFor), java.nio.charset.StandardCharsets.UTF_8);
    }

    /** On the platform broker: a permanent failure unless this workspace may publish to {@code exchange}. */
    void requirePlatformExchange(String exchange) {
        PlatformNamespace.refusal(workspace, exchange, source -> reach.ownsSource(workspace, source)).ifPresent(why -> {
            throw new TargetFailure(why, FailureKind.PERMANENT, null);
        });
    }

    /** The named connection, checked against the rules now (names resolved), or a failure saying why not. */
    Endpoint endpoint(String name, Endpoint.Kind kind) {
        Endpoint endpoint = reach.connection(workspace, name).orElseThrow(() -> new TargetFailure(
                "the connection '" + name + "' is not defined in workspace " + workspace, FailureKind.PERMANENT, null));
        if (endpoint.kind() != kind) {
            throw new TargetFailure("the connection '" + name + "' is a " + endpoint.kind().id()
                    + " connection, not " + kind.id(), FailureKind.PERMANENT, null);
        }
        reach.rules().refusal(endpoint).ifPresent(why -> {
            throw new TargetFailure("the connection '" + name + "' may not be used: " + why, FailureKind.PERMANENT, null);
        });
        return endpoint;
    }
}
