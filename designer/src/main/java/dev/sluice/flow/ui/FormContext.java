package dev.sluice.flow.ui;

import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

import dev.sluice.secret.ui.SecretNames;

/**
 * What a node form offers beyond its kind's schema: the fields of the flow's source, its sample events (as the
 * steward may see them), the names of the workspace's secrets and its connections. Samples and names are read
 * when a form first asks, so a form that shows none reads none.
 *
 * @param sourceFields the source's fields, none while the flow names no source
 * @param samples      the source's sample events; empty when it has none or the flow names no source
 * @param secretNames  the workspace's secret names, and whether the user may list them at all
 * @param connections  the workspace's connections by kind
 */
record FormContext(SourceFields sourceFields, Supplier<List<JsonNode>> samples, Supplier<SecretNames> secretNames,
                   Supplier<ConnectionNames> connections) {
}
