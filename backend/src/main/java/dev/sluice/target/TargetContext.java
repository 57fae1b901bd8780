package dev.sluice.target;

import java.net.http.HttpClient;

import dev.sluice.broker.BrokerConnection;
import dev.sluice.pipeline.CompileContext;

/**
 * What opening a delivery may use.
 *
 * @param broker  the platform's broker, for {@code target.rabbitmq} without an external broker
 * @param http    the shared HTTP client
 * @param secrets the flow workspace's secrets
 */
public record TargetContext(BrokerConnection broker, HttpClient http, CompileContext.SecretLookup secrets) {

    byte[] secret(String name, String usedFor) {
        return secrets.find(name).orElseThrow(() -> new IllegalStateException(
                "the secret '" + name + "' used for " + usedFor + " is not defined in this workspace"));
    }
}
