package dev.sluice;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.Element;

import dev.sluice.flowstore.FlowStore;
import dev.sluice.source.SourceStewardship;
import dev.sluice.workspace.UserProfile;
import dev.sluice.workspace.WorkspaceAccess;
import dev.sluice.workspace.WorkspaceService;

/**
 * The English a page shows where it should speak another language: every text, label, placeholder, helper text,
 * tooltip and column header of the current UI is read, and English words are looked for outside what users wrote
 * (names and descriptions of workspaces, sources, flows and users), ids, paths, code and the product names that stay
 * as they are.
 */
public final class ShownEnglish {

    /**
     * Words that read the same in a Chinese UI: products, standards (HTTP methods among them), units, and a
     * language's own name.
     */
    private static final Set<String> KEPT = Set.of("sluice", "cloudevents", "cloudevent", "rabbitmq", "amqp", "http",
            "https", "jdbc", "json", "jsonpath", "javascript", "velocity", "graaljs", "url", "uri", "api", "csv",
            "utc", "id", "post", "put", "patch", "delete", "sha", "hmac", "eventmesh", "postgresql", "webhook", "ms",
            "kb", "mb", "ok", "ip", "tls", "english");
    private static final Pattern WORD = Pattern.compile("[A-Za-z]{2,}[,.:;!?)]?");
    private static final List<String> TEXT_PROPERTIES = List.of("label", "placeholder", "helperText", "header",
            "errorMessage", "text");

    private final WorkspaceService workspaces;
    private final SourceStewardship sources;
    private final FlowStore store;
    private final List<String> identifiers;
    private List<String> userContent = List.of();

    /** @param identifiers words that are names in code, such as node kind ids, shown as they are */
    public ShownEnglish(WorkspaceService workspaces, SourceStewardship sources, FlowStore store,
                        List<String> identifiers) {
        this.workspaces = workspaces;
        this.sources = sources;
        this.store = store;
        this.identifiers = List.copyOf(identifiers);
    }

    /** Each text of the current page that holds English, with where it is; {@code username} is who looks. */
    public List<String> onPage(String username) {
        userContent = userContent(username);
        List<String> found = new ArrayList<>();
        // the layout hangs off the UI as a component, not as a child of the UI's element
        UI.getCurrent().getChildren().forEach(child -> collect(child.getElement(), found));
        return found;
    }

    private List<String> userContent(String username) {
        UserProfile profile = workspaces.profile(username);
        List<String> content = new ArrayList<>(identifiers);
        content.add(profile.username());
        content.add(profile.displayName());
        for (WorkspaceAccess access : profile.workspaces()) {
            content.add(access.workspace());
            content.add(access.displayName());
            content.add(access.description());
            try {
                store.list(username, access.workspace()).forEach(flow -> content.add(flow.description()));
            } catch (RuntimeException notAFlowReader) {
                // auditors and admins do not read flows
            }
        }
        try {
            sources.summaries(username).forEach(source -> content.add(source.description()));
        } catch (RuntimeException notASourceReader) {
            // nothing to add
        }
        content.removeIf(text -> text == null || text.isBlank());
        content.sort(Comparator.comparingInt(String::length).reversed());
        return content;
    }

    private void collect(Element element, List<String> found) {
        if (element.isTextNode()) {
            check(element.getText(), element.getParent() == null ? "text" : element.getParent().getTag(), found);
            return;
        }
        if (!element.isVisible() || "pre".equals(element.getTag()) || "code".equals(element.getTag())) {
            return;
        }
        for (String property : TEXT_PROPERTIES) {
            if (element.hasProperty(property) && element.getProperty(property) != null) {
                check(element.getProperty(property), element.getTag() + "@" + property, found);
            }
        }
        for (String attribute : List.of("title", "aria-label", "placeholder")) {
            if (element.hasAttribute(attribute)) {
                check(element.getAttribute(attribute), element.getTag() + "@" + attribute, found);
            }
        }
        element.getChildren().forEach(child -> collect(child, found));
    }

    private void check(String text, String where, List<String> found) {
        if (text == null || text.isBlank()) {
            return;
        }
        for (String written : userContent) {
            text = text.replace(written, " ");
        }
        if (isEnglish(text)) {
            found.add(where + ": " + text.strip());
        }
    }

    /**
     * Two English words in a row, or a text that is one English word: names with dots, dashes, slashes or digits
     * (flow and source names, paths, event types) are not words here.
     */
    public static boolean isEnglish(String text) {
        int run = 0;
        int words = 0;
        int tokens = 0;
        for (String token : text.strip().split("\\s+")) {
            tokens++;
            boolean english = WORD.matcher(token).matches()
                    && !KEPT.contains(token.replaceAll("[,.:;!?)]$", "").toLowerCase(Locale.ROOT));
            run = english ? run + 1 : 0;
            words += english ? 1 : 0;
            if (run >= 2) {
                return true;
            }
        }
        return tokens == 1 && words == 1 && text.strip().length() >= 3;
    }
}
