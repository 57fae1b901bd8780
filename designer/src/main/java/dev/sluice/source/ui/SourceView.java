package dev.sluice.source.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.combobox.ComboBox;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import dev.sluice.flow.FlowJson;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.json.Json;
import dev.sluice.privacy.Clearance;
import dev.sluice.privacy.PiiTags;
import dev.sluice.privacy.SchemaTags;
import dev.sluice.privacy.SourcePrivacy;
import dev.sluice.privacy.TagSuggestion;
import dev.sluice.region.Regions;
import dev.sluice.source.SourceAccess;
import dev.sluice.source.SourceStewardship;
import dev.sluice.source.SourceSummary;
import dev.sluice.workspace.Refusal;

/**
 * One source of the catalog: its fields with their PII tags (suggested from the sample events, confirmed by a
 * central steward), what each subscribing workspace is cleared to receive of each tag, its JSON Schema and its
 * sample events, masked for whoever is not cleared. Its stewards edit; subscribers read. Not visible: not found.
 */
@Route("sources/:source")
@PermitAll
public class SourceView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** One field of the source's events, as the steward tags it. */
    record Field(String path, String type, String tag, TagSuggestion suggestion) {
    }

    private final String username;
    private final SourceStewardship catalog;
    private final SourceAccess access;
    private final SourcePrivacy privacy;
    private final Regions regions;

    private String name = "";
    private boolean steward;
    /** The tags as the steward has set them so far, by field path; saved with {@link #saveTags()}. */
    private final Map<String, String> chosen = new TreeMap<>();
    private final Map<String, ComboBox<String>> tagFields = new LinkedHashMap<>();
    private final Div problems = new Div();

    SourceView(AuthenticationContext authentication, SourceStewardship catalog, SourceAccess access,
               SourcePrivacy privacy, Regions regions) {
        this.regions = regions;
        this.username = authentication.getPrincipalName().orElseThrow();
        this.catalog = catalog;
        this.access = access;
        this.privacy = privacy;
    }

    @Override
    public String getPageTitle() {
        return name + " · Sluice";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        name = event.getRouteParameters().get("source").orElse("");
        try {
            show(catalog.summary(username, name));
        } catch (Refusal notVisible) {
            throw new NotFoundException();
        }
    }

    private void show(SourceSummary source) {
        removeAll();
        tagFields.clear();
        chosen.clear();
        chosen.putAll(privacy.tags(source.name()).fields());
        steward = access.mayManage(username, source.name());
        H2 title = new H2(source.name());
        title.setId("source-title");
        Span owner = new Span(getTranslation("source.owner", source.owner()));
        owner.getElement().getThemeList().add("badge");
        add(title, owner, new Paragraph(source.description() == null ? "" : source.description()),
                new Paragraph(getTranslation("source.types", String.join(", ", source.eventTypes()))));
        add(keySection(source));
        if (regions.several()) {
            add(homeSection(source));
        }
        add(new H3(getTranslation("source.fields")), new Paragraph(getTranslation(steward
                ? "source.fields.steward-hint" : "source.fields.hint")), fieldGrid(source));
        problems.setId("source-problems");
        if (steward) {
            Button save = new Button(getTranslation("source.save-tags"), VaadinIcon.CHECK.create(), click -> saveTags());
            save.setId("save-tags");
            save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
            add(save, problems);
        }
        add(new H3(getTranslation("source.clearances")), clearances(source));
        if (steward) {
            add(new H3(getTranslation("source.schema")), schemaEditor(source));
        }
        add(new H3(getTranslation("source.samples")), samples());
    }

    /**
     * The source's key: what an event is about. Flows ordered by key keep each key's events in order, and a flow
     * started from the current state gets each key's latest event. Stewards change it; others read it.
     */
    private com.vaadin.flow.component.Component keySection(SourceSummary source) {
        if (!steward) {
            Paragraph key = new Paragraph(getTranslation("source.key.read", source.key()));
            key.setId("source-key");
            return key;
        }
        com.vaadin.flow.component.textfield.TextField key = new com.vaadin.flow.component.textfield.TextField(
                getTranslation("source.key"));
        key.setId("source-key");
        key.setValue(source.key());
        key.setHelperText(getTranslation("source.key.hint"));
        key.setWidth("28em");
        Button save = new Button(getTranslation("source.key.save"), VaadinIcon.KEY.create(), click -> {
            try {
                catalog.changeKey(username, name, key.getValue().strip());
                key.setInvalid(false);
                success(getTranslation("source.key.saved", key.getValue().strip()));
            } catch (InvalidFlowException invalid) {
                key.setErrorMessage(invalid.problems().stream().map(p -> p.message()).findFirst().orElse(""));
                key.setInvalid(true);
            } catch (Refusal refused) {
                key.setErrorMessage(refused.getMessage());
                key.setInvalid(true);
            }
        });
        save.setId("save-key");
        HorizontalLayout row = new HorizontalLayout(key, save);
        row.setAlignItems(Alignment.BASELINE);
        return row;
    }

    /**
     * Where the source is published: its publishers send its events to that region's Sluice, and flows in other
     * regions get them through a link. Stewards move it; others read it.
     */
    private com.vaadin.flow.component.Component homeSection(SourceSummary source) {
        String home = regions.resolve(source.homeRegion());
        if (!steward) {
            Paragraph where = new Paragraph(getTranslation("source.home.read", home));
            where.setId("source-home");
            return where;
        }
        com.vaadin.flow.component.select.Select<String> region = new com.vaadin.flow.component.select.Select<>();
        region.setLabel(getTranslation("source.home"));
        region.setId("source-home");
        region.setItems(regions.names());
        region.setValue(home);
        region.setHelperText(getTranslation("source.home.hint"));
        region.setWidth("20em");
        Button move = new Button(getTranslation("source.home.save"), VaadinIcon.GLOBE.create(), click -> {
            try {
                catalog.moveHome(username, name, region.getValue());
                region.setInvalid(false);
                success(getTranslation("source.home.saved", region.getValue()));
            } catch (InvalidFlowException invalid) {
                region.setErrorMessage(invalid.problems().stream().map(p -> p.message()).findFirst().orElse(""));
                region.setInvalid(true);
            } catch (Refusal refused) {
                region.setErrorMessage(refused.getMessage());
                region.setInvalid(true);
            }
        });
        move.setId("save-home");
        HorizontalLayout row = new HorizontalLayout(region, move);
        row.setAlignItems(Alignment.BASELINE);
        return row;
    }

    private Grid<Field> fieldGrid(SourceSummary source) {
        PiiTags tags = privacy.tags(source.name());
        Map<String, String> types = source.schema().map(SchemaTags::fields).orElse(Map.of());
        Map<String, TagSuggestion> suggested = new TreeMap<>();
        privacy.suggestions(username, source.name()).forEach(s -> suggested.putIfAbsent(s.path(), s));
        Set<String> paths = new TreeSet<>(types.keySet());
        paths.addAll(tags.fields().keySet());
        paths.addAll(suggested.keySet());
        List<Field> fields = new ArrayList<>();
        for (String path : paths) {
            fields.add(new Field(path, types.getOrDefault(path, ""), tags.fields().get(path), suggested.get(path)));
        }
        Grid<Field> grid = new Grid<>();
        grid.setId("field-grid");
        grid.addColumn(Field::path).setHeader(getTranslation("source.field.path")).setAutoWidth(true);
        grid.addColumn(Field::type).setHeader(getTranslation("source.field.type")).setAutoWidth(true);
        if (steward) {
            grid.addComponentColumn(this::tagEditor).setHeader(getTranslation("source.field.tag")).setAutoWidth(true);
            grid.addComponentColumn(this::suggestion).setHeader(getTranslation("source.field.suggestion"))
                    .setAutoWidth(true);
        } else {
            grid.addColumn(field -> field.tag() == null ? "" : field.tag())
                    .setHeader(getTranslation("source.field.tag")).setAutoWidth(true);
        }
        grid.setItems(fields);
        grid.setAllRowsVisible(true);
        return grid;
    }

    private ComboBox<String> tagEditor(Field field) {
        ComboBox<String> tag = new ComboBox<>();
        tag.setItems(new TreeSet<>(PiiTags.WELL_KNOWN));
        tag.setAllowCustomValue(true);
        tag.addCustomValueSetListener(custom -> tag.setValue(custom.getDetail().strip().toLowerCase()));
        tag.setClearButtonVisible(true);
        tag.setPlaceholder(getTranslation("source.field.untagged"));
        tag.setAriaLabel(getTranslation("source.field.tag-of", field.path()));
        tag.setValue(chosen.get(field.path()));
        tag.addValueChangeListener(change -> choose(field.path(), change.getValue()));
        tag.getElement().setAttribute("data-path", field.path());
        tagFields.put(field.path(), tag);
        return tag;
    }

    private HorizontalLayout suggestion(Field field) {
        HorizontalLayout cell = new HorizontalLayout();
        TagSuggestion suggested = field.suggestion();
        if (suggested == null || suggested.tag().equals(field.tag())) {
            return cell;
        }
        Button accept = new Button(getTranslation("source.field.accept", suggested.tag(), suggested.hits(),
                suggested.present()), click -> choose(field.path(), suggested.tag()));
        accept.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
        accept.getElement().setAttribute("data-path", field.path());
        cell.add(accept);
        return cell;
    }

    private void choose(String path, String tag) {
        if (tag == null || tag.isBlank()) {
            chosen.remove(path);
        } else {
            chosen.put(path, tag);
        }
        ComboBox<String> editor = tagFields.get(path);
        if (editor != null && !java.util.Objects.equals(editor.getValue(), chosen.get(path))) {
            editor.setValue(chosen.get(path));
        }
    }

    /** Accepts the suggested tag of a field, as its button does. */
    void acceptSuggestion(String path) {
        privacy.suggestions(username, name).stream().filter(s -> s.path().equals(path)).findFirst()
                .ifPresent(s -> choose(path, s.tag()));
    }

    Optional<String> tagOf(String path) {
        return Optional.ofNullable(chosen.get(path));
    }

    void saveTags() {
        Map<String, String> tags = new TreeMap<>(chosen);
        if (attempt(() -> privacy.setTags(username, name, tags))) {
            success(getTranslation("source.tags-saved", tags.size()));
            show(catalog.summary(username, name));
        }
    }

    private VerticalLayout clearances(SourceSummary source) {
        VerticalLayout layout = new VerticalLayout();
        layout.setPadding(false);
        layout.setId("clearances");
        Map<String, Clearance> granted = privacy.clearances(username, source.name());
        Set<String> tagsInUse = new TreeSet<>(privacy.tags(source.name()).fields().values());
        if (tagsInUse.isEmpty()) {
            layout.add(new Paragraph(getTranslation("source.clearances.no-tags")));
            return layout;
        }
        List<String> workspaces = steward
                ? source.subscribers()
                : List.copyOf(granted.keySet());
        if (workspaces.isEmpty()) {
            layout.add(new Paragraph(getTranslation(steward ? "source.clearances.no-subscribers"
                    : "source.clearances.none-for-you")));
            return layout;
        }
        for (String workspace : workspaces) {
            Clearance clearance = granted.getOrDefault(workspace, new Clearance(workspace, Map.of()));
            HorizontalLayout row = new HorizontalLayout();
            row.setWrap(true);
            row.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
            row.getElement().setAttribute("data-workspace", workspace);
            row.add(new H4(workspace));
            Map<String, Select<Clearance.Level>> levels = new TreeMap<>();
            for (String tag : tagsInUse) {
                Select<Clearance.Level> level = new Select<>();
                level.setLabel(tag);
                level.setItems(Clearance.Level.values());
                level.setItemLabelGenerator(l -> getTranslation("source.level." + l.id()));
                level.setValue(clearance.level(tag));
                level.setReadOnly(!steward);
                levels.put(tag, level);
                row.add(level);
            }
            if (steward) {
                Button save = new Button(getTranslation("source.save-clearance"), click -> {
                    Map<String, Clearance.Level> chosen = new TreeMap<>();
                    levels.forEach((tag, level) -> chosen.put(tag, level.getValue()));
                    if (attempt(() -> privacy.setClearance(username, name, workspace, chosen))) {
                        success(getTranslation("source.clearance-saved", workspace));
                    }
                });
                save.setId("save-clearance-" + workspace);
                row.add(save);
            }
            layout.add(row);
        }
        return layout;
    }

    private VerticalLayout schemaEditor(SourceSummary source) {
        TextArea schema = new TextArea(getTranslation("source.schema.label"));
        schema.setId("source-schema");
        schema.setWidthFull();
        schema.setValue(source.schema().map(SourceView::pretty).orElse(""));
        TextArea samples = new TextArea(getTranslation("source.samples.label"));
        samples.setId("source-samples");
        samples.setWidthFull();
        samples.setHelperText(getTranslation("source.samples.helper"));
        samples.setValue(source.sampleEvents().isEmpty() ? ""
                : pretty(Json.MAPPER.valueToTree(source.sampleEvents())));
        Div schemaProblems = new Div();
        schemaProblems.setId("schema-problems");
        Button save = new Button(getTranslation("source.save-schema"), click -> {
            schemaProblems.removeAll();
            try {
                JsonNode parsedSchema = schema.getValue().isBlank() ? null : FlowJson.parse(schema.getValue());
                JsonNode parsedSamples = samples.getValue().isBlank() ? null : FlowJson.parse(samples.getValue());
                catalog.describe(username, name, parsedSchema, parsedSamples);
                success(getTranslation("source.schema-saved"));
                show(catalog.summary(username, name));
            } catch (InvalidFlowException invalid) {
                invalid.problems().forEach(p -> schemaProblems.add(problem(p.path() + " " + p.message())));
            } catch (RuntimeException refused) {
                schemaProblems.add(problem(String.valueOf(refused.getMessage())));
            }
        });
        save.setId("save-schema");
        VerticalLayout editor = new VerticalLayout(schema, samples, schemaProblems, save);
        editor.setPadding(false);
        return editor;
    }

    private VerticalLayout samples() {
        VerticalLayout list = new VerticalLayout();
        list.setPadding(false);
        list.setId("sample-events");
        List<JsonNode> shown = privacy.samples(username, name);
        if (shown.isEmpty()) {
            list.add(new Paragraph(getTranslation(steward ? "source.samples.none-steward" : "source.samples.none")));
        }
        shown.forEach(sample -> list.add(new Pre(pretty(sample))));
        return list;
    }

    private boolean attempt(Runnable change) {
        problems.removeAll();
        try {
            change.run();
            return true;
        } catch (InvalidFlowException invalid) {
            invalid.problems().forEach(p -> problems.add(problem(p.path() + " " + p.message())));
        } catch (Refusal refused) {
            problems.add(problem(refused.getMessage()));
        }
        Notification.show(getTranslation("source.not-saved"), 5000, Notification.Position.MIDDLE)
                .addThemeVariants(NotificationVariant.LUMO_ERROR);
        return false;
    }

    private static Div problem(String text) {
        Div div = new Div(text);
        div.addClassName("problem");
        return div;
    }

    private static void success(String message) {
        Notification.show(message, 4000, Notification.Position.BOTTOM_START)
                .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }

    private static String pretty(JsonNode json) {
        return json.toPrettyString();
    }
}
