package dev.sluice.pipeline;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What a node kind is, declared once by the kind: its stable id, where it stands in a flow, how the palette shows
 * it, its config record (whose JSON Schema is generated from the record) and an example config. Titles and
 * summaries are English; the designer translates them by {@link #titleKey()} and {@link #summaryKey()} where it has
 * a translation.
 *
 * @param id         stable id used in flow JSON ({@code mask}, {@code target.http}); never changes once released
 * @param role       where the kind may stand
 * @param configType the config record, bound from the node's {@code config} after it passed the schema
 * @param category   the palette group
 * @param icon       a Vaadin icon name, e.g. {@code vaadin:filter}
 * @param title      a few words for the palette and forms
 * @param summary    one line on what the kind does
 * @param example    a complete, valid config, shown in the docs and the flow schema
 * @param aliases    former ids still accepted on import
 * @param describer  one short line on a node's settings for the canvas ({@code currency = CNY}), from its config as
 *                   edited, which may be incomplete or invalid; see {@link #describe}
 */
public record NodeSpec<C>(String id, NodeRole role, Class<C> configType, NodeCategory category, String icon,
                          String title, String summary, String example, List<String> aliases,
                          Function<JsonNode, String> describer) {

    private static final Pattern ID = Pattern.compile("[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*");
    /** The longest description the canvas shows; longer ones end in an ellipsis. */
    static final int DESCRIPTION_LENGTH = 40;
    private static final Function<JsonNode, String> UNDESCRIBED = config -> "";

    public NodeSpec {
        if (id == null || !ID.matcher(id).matches()) {
            throw new IllegalArgumentException("A node kind id is lower case words joined by . or -, not " + id);
        }
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(configType, "configType");
        Objects.requireNonNull(category, "category");
        aliases = List.copyOf(aliases);
        describer = describer == null ? UNDESCRIBED : describer;
    }

    public static <C> NodeSpec<C> source(String id, Class<C> configType) {
        return new NodeSpec<>(id, NodeRole.SOURCE, configType, NodeCategory.SOURCE, "vaadin:sign-in", id, "", "{}",
                List.of(), UNDESCRIBED);
    }

    public static <C> NodeSpec<C> processor(String id, Class<C> configType) {
        return new NodeSpec<>(id, NodeRole.PROCESSOR, configType, NodeCategory.TRANSFORM, "vaadin:cog", id, "", "{}",
                List.of(), UNDESCRIBED);
    }

    public static <C> NodeSpec<C> target(String id, Class<C> configType) {
        return new NodeSpec<>(id, NodeRole.TARGET, configType, NodeCategory.TARGET, "vaadin:sign-out", id, "", "{}",
                List.of(), UNDESCRIBED);
    }

    /** How the palette shows the kind. */
    public NodeSpec<C> shownAs(NodeCategory category, String icon, String title, String summary) {
        return new NodeSpec<>(id, role, configType, category, icon, title, summary, example, aliases, describer);
    }

    public NodeSpec<C> withExample(String example) {
        return new NodeSpec<>(id, role, configType, category, icon, title, summary, example, aliases, describer);
    }

    public NodeSpec<C> withAliases(String... aliases) {
        return new NodeSpec<>(id, role, configType, category, icon, title, summary, example, List.of(aliases), describer);
    }

    /** How the canvas sums up a node's settings; a kind without a describer shows none. */
    public NodeSpec<C> describedBy(Function<JsonNode, String> describer) {
        return new NodeSpec<>(id, role, configType, category, icon, title, summary, example, aliases, describer);
    }

    /**
     * One line on a node's settings, at most {@value #DESCRIPTION_LENGTH} characters; empty when the kind has no
     * describer or the config says nothing it can read. Never throws: a half-filled form is described as far as it
     * goes.
     */
    public String describe(JsonNode config) {
        String line;
        try {
            line = config == null || config.isMissingNode() || config.isNull() ? "" : describer.apply(config);
        } catch (RuntimeException unreadable) {
            line = "";
        }
        line = line == null ? "" : line.strip().replaceAll("\\s+", " ");
        return line.length() <= DESCRIPTION_LENGTH ? line : line.substring(0, DESCRIPTION_LENGTH - 1).strip() + "…";
    }

    public String titleKey() {
        return "node." + id + ".title";
    }

    public String summaryKey() {
        return "node." + id + ".summary";
    }

    /** JSON Schema (2020-12) of the config, generated from {@link #configType} and its {@link Setting}s. */
    public String configSchema() {
        return ConfigSchemas.of(configType);
    }
}
