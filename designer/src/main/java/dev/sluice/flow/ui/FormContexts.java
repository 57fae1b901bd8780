package dev.sluice.flow.ui;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.ConnectionSpec;
import dev.sluice.connection.WorkspaceConnections;
import dev.sluice.privacy.SourcePrivacy;
import dev.sluice.secret.SecretVault;
import dev.sluice.secret.ui.SecretNames;
import dev.sluice.source.SourceCatalog;
import dev.sluice.source.SourceSummary;
import dev.sluice.workspace.Refusal;

/** Builds the {@link FormContext} of a flow as drafted, for one user. */
@Component
class FormContexts {

    private final SourceCatalog sources;
    private final SourcePrivacy privacy;
    private final SecretVault secrets;
    private final WorkspaceConnections connections;

    FormContexts(SourceCatalog sources, SourcePrivacy privacy, SecretVault secrets,
                 WorkspaceConnections connections) {
        this.sources = sources;
        this.privacy = privacy;
        this.secrets = secrets;
        this.connections = connections;
    }

    FormContext of(String username, String workspace, FlowDraft draft) {
        Optional<SourceSummary> source = draft.sourceName().flatMap(sources::summary);
        SourceFields fields = source.map(found -> SourceFields.of(found, privacy.tags(found.name())))
                .orElse(SourceFields.none());
        Supplier<List<JsonNode>> samples = source.<Supplier<List<JsonNode>>>map(
                found -> once(() -> privacy.samples(username, found.name()))).orElse(List::of);
        return new FormContext(fields, samples, once(() -> SecretNames.read(secrets, username, workspace)),
                once(() -> connectionNames(username, workspace)));
    }

    /** Every member may list the connections (flows name them); names only, grouped by kind. */
    private ConnectionNames connectionNames(String username, String workspace) {
        try {
            Map<String, List<String>> byKind = connections.list(username, workspace).stream()
                    .map(ConnectionInfo::spec)
                    .collect(Collectors.groupingBy(ConnectionSpec::kind, TreeMap::new,
                            Collectors.mapping(ConnectionSpec::name, Collectors.toList())));
            return new ConnectionNames(byKind, workspace);
        } catch (Refusal notAMember) {
            return new ConnectionNames(Map.of(), workspace);
        }
    }

    /** Reads once, when first asked: looking at samples is audited, so a form that shows none reads none. */
    private static <T> Supplier<T> once(Supplier<T> read) {
        return new Supplier<>() {
            private T value;

            @Override
            public synchronized T get() {
                if (value == null) {
                    value = read.get();
                }
                return value;
            }
        };
    }
}
