package dev.sluice.flow.ui;

import java.util.List;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a node form offers beyond its kind's schema: the fields of the flow's source, its sample events (as the
 * steward may see them) and the names of the workspace's secrets. Samples and names are read when a form first
 * asks, so a form that shows neither reads neither.
 *
 * @param sourceFields the source's fields, none while the flow names no source
 * @param samples      the source's sample events; empty when it has none or the flow names no source
 * @param secretNames  the workspace's secret names, and whether the user may list them at all
 */
record FormContext(SourceFields sourceFields, Supplier<List<JsonNode>> samples, Supplier<SecretNames> secretNames) {
}
