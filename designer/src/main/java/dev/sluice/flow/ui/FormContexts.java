package dev.sluice.flow.ui;

import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import org.springframework.stereotype.Component;

import dev.sluice.privacy.SourcePrivacy;
import dev.sluice.secret.SecretInfo;
import dev.sluice.secret.SecretVault;
import dev.sluice.source.EventSource;
import dev.sluice.source.SourceCatalog;
import dev.sluice.workspace.Refusal;

/** Builds the {@link FormContext} of a flow as drafted, for one user. */
@Component
class FormContexts {

    private final SourceCatalog sources;
    private final SourcePrivacy privacy;
    private final SecretVault secrets;

    FormContexts(SourceCatalog sources, SourcePrivacy privacy, SecretVault secrets) {
        this.sources = sources;
        this.privacy = privacy;
        this.secrets = secrets;
    }

    FormContext of(String username, String workspace, FlowDraft draft) {
        Optional<EventSource> source = draft.sourceName().flatMap(sources::find);
        SourceFields fields = source.map(found -> SourceFields.of(found, privacy.tags(found.getName())))
                .orElse(SourceFields.none());
        Supplier<List<JsonNode>> samples = source.<Supplier<List<JsonNode>>>map(
                found -> once(() -> privacy.samples(username, found.getName()))).orElse(List::of);
        return new FormContext(fields, samples, once(() -> secretNames(username, workspace)));
    }

    private SecretNames secretNames(String username, String workspace) {
        try {
            return SecretNames.of(secrets.list(username, workspace).stream().map(SecretInfo::name).toList());
        } catch (Refusal viewerOnly) {
            return SecretNames.unlisted();
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
