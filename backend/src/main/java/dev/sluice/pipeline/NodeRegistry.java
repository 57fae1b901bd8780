package dev.sluice.pipeline;

import java.lang.reflect.Modifier;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;

import dev.sluice.flow.FlowNode;
import dev.sluice.flow.Problems;
import dev.sluice.flow.SchemaCheck;

/**
 * Every node kind Sluice knows, found once on the class path, with its config schema compiled. Thread-safe.
 * Adding a kind means adding one {@link NodeKind} class under {@code dev.sluice}; nothing else registers it.
 */
public final class NodeRegistry {

    private static final ObjectMapper CONFIG_MAPPER = JsonMapper.builder().build();
    private static volatile NodeRegistry builtIn;

    private final Map<String, Registered<?>> byId = new LinkedHashMap<>();
    private final Map<String, Registered<?>> byAlias = new LinkedHashMap<>();

    private NodeRegistry(Collection<NodeKind<?>> kinds) {
        for (NodeKind<?> kind : kinds) {
            Registered<?> registered = new Registered<>(kind, SchemaCheck.of(kind.spec().configSchema()));
            if (byId.put(kind.id(), registered) != null) {
                throw new IllegalStateException("Two node kinds claim the id " + kind.id());
            }
            kind.spec().aliases().forEach(alias -> byAlias.put(alias, registered));
        }
    }

    public static NodeRegistry of(Collection<NodeKind<?>> kinds) {
        return new NodeRegistry(kinds);
    }

    /** The kinds shipped with Sluice, scanned once from {@code dev.sluice}. */
    public static NodeRegistry builtIn() {
        NodeRegistry registry = builtIn;
        if (registry == null) {
            synchronized (NodeRegistry.class) {
                if (builtIn == null) {
                    builtIn = new NodeRegistry(scan());
                }
                registry = builtIn;
            }
        }
        return registry;
    }

    public Optional<NodeKind<?>> kind(String idOrAlias) {
        return registered(idOrAlias).map(Registered::kind);
    }

    /** All kinds in a stable order: sources, processors, targets, each by id. */
    public List<NodeKind<?>> all() {
        return byId.values().stream()
                .<NodeKind<?>>map(Registered::kind)
                .sorted(java.util.Comparator.<NodeKind<?>, NodeRole>comparing(NodeKind::role)
                        .thenComparing(NodeKind::id))
                .toList();
    }

    /**
     * Checks a node's config against its kind: schema first, then the kind's own rules. Problems are rooted
     * at {@code problems} (the node's {@code config}). Returns the bound config when it is valid.
     */
    public Optional<Object> validateConfig(FlowNode node, ValidationContext context, Problems problems) {
        Optional<Registered<?>> registered = registered(node.kind());
        if (registered.isEmpty()) {
            return Optional.empty();
        }
        return registered.get().validate(node.config(), context, problems);
    }

    /** The step of a node whose config passed {@link #validateConfig}. */
    public NodeStep compile(FlowNode node, CompileContext context) {
        Registered<?> registered = registered(node.kind())
                .orElseThrow(() -> new IllegalArgumentException("Unknown node kind " + node.kind()));
        return registered.compile(node.config(), context);
    }

    /**
     * What {@code node} does to fields ({@link NodeKind#effects}); {@link FieldEffect#ANYTHING} for a kind that is
     * unknown or a config that does not bind, since a config the privacy guard cannot read is one it cannot trust
     * to remove anything.
     */
    public List<FieldEffect> effects(FlowNode node) {
        return registered(node.kind() == null ? "" : node.kind()).map(registered -> registered.effects(node.config()))
                .orElse(FieldEffect.ANYTHING);
    }

    /** Binds a config that passed {@link #validateConfig} to its kind's config record. */
    public static <C> C bind(NodeKind<C> kind, JsonNode config) {
        try {
            return CONFIG_MAPPER.treeToValue(config, kind.spec().configType());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalArgumentException("Config of a " + kind.id() + " node does not bind", e);
        }
    }

    private Optional<Registered<?>> registered(String idOrAlias) {
        Registered<?> found = byId.get(idOrAlias);
        return Optional.ofNullable(found != null ? found : byAlias.get(idOrAlias));
    }

    private static List<NodeKind<?>> scan() {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false);
        scanner.addIncludeFilter(new AssignableTypeFilter(NodeKind.class));
        ClassLoader loader = NodeRegistry.class.getClassLoader();
        return scanner.findCandidateComponents("dev.sluice").stream()
                .map(BeanDefinition::getBeanClassName)
                .map(name -> ClassUtils.resolveClassName(name, loader))
                .filter(type -> !Modifier.isAbstract(type.getModifiers()) && !type.isInterface())
                .<NodeKind<?>>map(NodeRegistry::instantiate)
                .toList();
    }

    private static NodeKind<?> instantiate(Class<?> type) {
        try {
            var constructor = type.getDeclaredConstructor();
            constructor.setAccessible(true);
            return (NodeKind<?>) constructor.newInstance();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Node kind " + type.getName() + " needs a no-argument constructor", e);
        }
    }

    private record Registered<C>(NodeKind<C> kind, SchemaCheck schema) {

        List<FieldEffect> effects(JsonNode config) {
            try {
                return kind.effects(CONFIG_MAPPER.treeToValue(config == null ? JsonNodeFactory.instance.objectNode()
                        : config, kind.spec().configType()));
            } catch (com.fasterxml.jackson.core.JsonProcessingException | RuntimeException unreadable) {
                return FieldEffect.ANYTHING;
            }
        }

        Optional<Object> validate(JsonNode config, ValidationContext context, Problems problems) {
            if (!schema.check(config, problems)) {
                return Optional.empty();
            }
            C bound;
            try {
                bound = CONFIG_MAPPER.treeToValue(config, kind.spec().configType());
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                problems.add("does not fit the " + kind.id() + " settings: " + e.getMessage());
                return Optional.empty();
            }
            int before = problems.size();
            kind.validate(bound, context, problems);
            return problems.size() == before ? Optional.of(bound) : Optional.empty();
        }

        NodeStep compile(JsonNode config, CompileContext context) {
            return kind.compile(bind(kind, config), context);
        }
    }
}
