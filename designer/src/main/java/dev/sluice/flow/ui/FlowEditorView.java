package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.splitlayout.SplitLayout;
import com.vaadin.flow.component.tabs.TabSheet;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.BeforeLeaveEvent;
import com.vaadin.flow.router.BeforeLeaveObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.flowstore.FlowStore;
import dev.sluice.flowstore.FlowStoreException;
import dev.sluice.flowstore.StoredFlowVersion;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.NodeRole;
import dev.sluice.pipeline.ValidationContext;
import dev.sluice.privacy.Leak;
import dev.sluice.privacy.LeakFinding;

/**
 * One flow in the designer: the canvas with its palette, the selected node's property form, live
 * validation, save with a comment, and panels to preview, run and look back at versions.
 */
@Route("flows/:id")
@PermitAll
class FlowEditorView extends VerticalLayout implements BeforeEnterObserver, BeforeLeaveObserver, HasDynamicTitle {

    private final String username;
    private final FlowStore store;
    private final NodeRegistry registry;
    private final FlowValidator validator;
    private final FormContexts formContexts;
    private final EditorPanels panels;

    private final FlowCanvas canvas = new FlowCanvas();
    private final Div properties = new Div();
    private final VerticalLayout problemList = new VerticalLayout();
    private final Span problemCount = new Span();
    private final Div conflict = new Div();
    private final TextField comment = new TextField();
    private final Span versionLabel = new Span();
    private final Span unsavedMarker = new Span();

    private long flowId;
    private int loadedVersion;
    /** The loaded or last saved flow's {@link FlowDraft#content()}: the draft differs from it while unsaved. */
    private String storedContent;
    private boolean mayChange;
    private String flowName = "";
    private String workspace;
    private FlowDraft draft;
    private int revision;
    private ValidationContext context;
    private List<FlowProblem> problems = List.of();
    private List<LeakFinding> leaks = List.of();
    private NodeForm form;
    private String formNode;
    private String pendingSelection;
    private EditorPanels.Context panelContext;
    private HistoryPanel history;

    FlowEditorView(AuthenticationContext authentication, FlowStore store, NodeRegistry registry,
                   FlowValidator validator, FormContexts formContexts, EditorPanels panels) {
        this.formContexts = formContexts;
        this.username = authentication.getPrincipalName().orElseThrow();
        this.store = store;
        this.registry = registry;
        this.validator = validator;
        this.panels = panels;
        setSizeFull();
        setPadding(false);
        canvas.onGraph(this::graphChanged);
        canvas.onSelected(this::select);
    }

    @Override
    public String getPageTitle() {
        return flowName + " · Sluice";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        try {
            flowId = Long.parseLong(event.getRouteParameters().get("id").orElse(""));
            load(store.get(username, flowId, null));
        } catch (NumberFormatException | FlowStoreException notVisible) {
            throw new NotFoundException();
        }
    }

    private void load(StoredFlowVersion stored) {
        mayChange = store.mayChange(username, flowId);
        loadedVersion = stored.version().version();
        flowName = stored.flow().name();
        workspace = stored.flow().workspace();
        context = contextFor(workspace);
        draft = new FlowDraft(registry, stored.definition());
        storedContent = draft.content();
        removeAll();
        build(stored);
        showCanvas();
        validate();
    }

    private ValidationContext contextFor(String workspace) {
        return store.validationContext(workspace);
    }

    private void build(StoredFlowVersion stored) {
        RouterLink back = new RouterLink(getTranslation("editor.back"), FlowsView.class,
                new RouteParameters("workspace", workspace));
        H2 title = new H2(flowName);
        title.setId("flow-title");
        versionLabel.setId("flow-version");
        comment.setPlaceholder(getTranslation("editor.comment"));
        comment.setId("save-comment");
        Button save = new Button(getTranslation("editor.save"), VaadinIcon.CHECK.create(), click -> save());
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        save.setId("save-flow");
        conflict.setId("save-conflict");
        conflict.addClassName("conflict");
        conflict.setVisible(false);
        unsavedMarker.setText(getTranslation("editor.unsaved"));
        unsavedMarker.setId("unsaved-marker");
        unsavedMarker.getElement().getThemeList().add("badge contrast");
        unsavedMarker.setVisible(false);
        HorizontalLayout header = new HorizontalLayout(back, title, versionLabel, unsavedMarker);
        if (mayChange) {
            header.add(comment, save);
            header.expand(comment);
        } else {
            Span readOnly = new Span(getTranslation("editor.read-only", workspace));
            readOnly.setId("read-only-notice");
            readOnly.getElement().getThemeList().add("badge contrast");
            header.add(readOnly);
        }
        header.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        header.addClassName("editor-header");
        header.setWidthFull();
        updateVersionLabel();

        properties.setId("node-properties");
        // a reload (after a rollback or deploy) builds afresh: no form of a node the stored version may not have
        properties.removeAll();
        form = null;
        formNode = null;
        properties.add(new Paragraph(getTranslation("editor.select-node")));
        problemList.setId("problem-list");
        problemList.setPadding(false);
        problemList.setSpacing(false);
        problemCount.setId("problem-count");

        TabSheet side = new TabSheet();
        side.setId("editor-tabs");
        side.add(getTranslation("editor.tab.properties"), properties);
        side.add(getTranslation("editor.tab.problems"), new VerticalLayout(problemCount, problemList));
        panelContext = new EditorPanels.Context(username, flowId, mayChange, () -> draft,
                this::validate, () -> loadedVersion, this::reloadLatest);
        side.add(getTranslation("editor.tab.preview"), panels.preview(panelContext));
        RunPanel run = panels.run(panelContext);
        run.onStatus(canvas::showCounts);
        side.add(getTranslation("editor.tab.run"), run);
        history = panels.history(panelContext);
        side.add(getTranslation("editor.tab.history"), history);
        side.setSizeFull();

        SplitLayout split = new SplitLayout(canvas, side);
        split.setSplitterPosition(62);
        split.setSizeFull();
        canvas.setSizeFull();
        canvas.setReadOnly(!mayChange);
        header.add(SidePanelToggle.of(split, side));
        add(header, conflict, split);
        expand(split);
    }

    private void updateVersionLabel() {
        versionLabel.setText(getTranslation("editor.version", loadedVersion));
    }

    private Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String key : List.of("palette", "paletteHint", "deleteSelected", "role.SOURCE", "role.PROCESSOR",
                "role.TARGET", "undo", "undoHint", "redo", "redoHint", "layout", "layoutHint", "deleteHint", "zoomIn",
                "zoomOut", "fit", "toolbar", "legend", "legendHide", "category.SOURCE", "category.FILTER",
                "category.TRANSFORM", "category.PRIVACY", "category.CODE", "category.TARGET", "badge.problems",
                "badge.leaks", "health.OK", "health.FAILED", "health.IDLE", "count.in", "count.out", "count.failed",
                "count.edge", "paletteHide", "paletteShow")) {
            labels.put(key, getTranslation("canvas." + key));
        }
        return labels;
    }

    private void showCanvas() {
        canvas.setModel(draft.canvasModel(++revision, labels(), getLocale()));
    }

    void graphChanged(String graphJson) {
        if (draft.applyGraph(graphJson)) {
            validate();
        }
        if (pendingSelection != null && draft.node(pendingSelection).isPresent()) {
            select(pendingSelection);
        }
    }

    void select(String nodeId) {
        properties.removeAll();
        form = null;
        pendingSelection = null;
        if (nodeId != null && !nodeId.isEmpty() && draft.node(nodeId).isEmpty()) {
            // selected on the canvas before its graph arrived: show the form once it has
            pendingSelection = nodeId;
            return;
        }
        if (nodeId == null || nodeId.isEmpty()) {
            properties.add(new Paragraph(getTranslation("editor.select-node")));
            return;
        }
        draft.node(nodeId).ifPresent(node -> registry.kind(node.path("kind").asText()).ifPresentOrElse(
                kind -> {
                    FormContext formContext = formContexts.of(username, workspace, draft);
                    form = new NodeForm(nodeId, kind, node.get("config"), formContext, config -> {
                        draft.setConfig(nodeId, config);
                        validate();
                    });
                    formNode = nodeId;
                    form.showProblems(draft.fieldProblems(nodeId, problems));
                    if (!mayChange) {
                        form.setReadOnly();
                    }
                    properties.add(form);
                    if (kind.role() == NodeRole.TARGET) {
                        properties.add(panels.targetCheck(panelContext, kind.id(),
                                () -> draft.node(nodeId).map(n -> n.path("config")).orElse(null)));
                    }
                },
                () -> properties.add(new Paragraph(getTranslation("editor.unknown-kind", node.path("kind").asText())))));
    }

    void validate() {
        unsavedMarker.setVisible(hasUnsavedEdits());
        leaks = List.of();
        try {
            Flow valid = validator.check(draft.tree(), context);
            problems = List.of();
            leaks = store.leaks(username, valid);
        } catch (InvalidFlowException invalid) {
            problems = invalid.problems();
        }
        canvas.setInvalid(draft.invalidMarks(problems));
        if (form != null && draft.node(formNode).isPresent()) {
            form.showProblems(draft.fieldProblems(formNode, problems));
        }
        canvas.setLeaks(FlowDraft.leakRoutes(leaks));
        canvas.setNotes(CanvasNotes.of(draft, problems, leaks));
        problemList.removeAll();
        problemCount.setText(!problems.isEmpty() ? getTranslation("editor.problems", problems.size())
                : leaks.isEmpty() ? getTranslation("editor.valid") : getTranslation("editor.leaks", leaks.size()));
        for (FlowProblem problem : problems) {
            problemList.add(problemLine(problem, "", "problem"));
        }
        showLeaks();
    }

    /**
     * Leaks by personal field, in words: the field and what the workspace may receive of it, then each route to a
     * target as a line that selects the target. Where a route passes code, a note says the guard cannot see inside.
     */
    private void showLeaks() {
        Map<String, List<LeakFinding>> byField = new LinkedHashMap<>();
        leaks.forEach(leak -> byField.computeIfAbsent(leak.leak().tag() + " " + leak.leak().sourcePath(),
                field -> new ArrayList<>()).add(leak));
        for (List<LeakFinding> field : byField.values()) {
            Leak first = field.getFirst().leak();
            String cleared = getTranslation("editor.leak.cleared." + field.getFirst().cleared().name().toLowerCase(),
                    workspace, first.tag());
            Div group = new Div(new Span(getTranslation("editor.leak.field", first.tag(), first.sourcePath(),
                    cleared)));
            group.addClassName("leak-group");
            for (LeakFinding leak : field) {
                Leak route = leak.leak();
                String line = getTranslation("editor.leak.route", route.target(), route.targetPath(), route.form(),
                        String.join(" → ", route.via()));
                group.add(problemLine(new FlowProblem(leak.problem().path(), line), "", "leak-problem", line));
            }
            problemList.add(group);
        }
        List<String> opaque = leaks.stream().flatMap(leak -> leak.leak().via().stream()).distinct()
                .filter(this::isCode).toList();
        if (!opaque.isEmpty()) {
            Paragraph note = new Paragraph(getTranslation("editor.leak.opaque", String.join(", ", opaque)));
            note.setId("leak-opaque-note");
            note.addClassName("form-hint");
            problemList.add(note);
        }
    }

    /** A script or template: code the leak guard cannot read. */
    private boolean isCode(String nodeId) {
        return draft.node(nodeId).flatMap(node -> registry.kind(node.path("kind").asText()))
                .map(kind -> kind.spec().category() == NodeCategory.CODE).orElse(false);
    }

    private Button problemLine(FlowProblem problem, String prefix, String className) {
        Optional<String> node = draft.nodeOf(problem);
        return problemLine(problem, prefix, className, prefix + node.map(id -> id + ": ").orElse("") + problem.path()
                + " " + problem.message());
    }

    private Button problemLine(FlowProblem problem, String prefix, String className, String text) {
        Optional<String> node = draft.nodeOf(problem);
        Button line = new Button(text);
        line.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE, ButtonVariant.LUMO_ERROR);
        line.addClassNames("problem", className);
        node.ifPresent(id -> line.getElement().setAttribute("data-node", id));
        line.addClickListener(click -> node.ifPresent(id -> {
            canvas.focus(id);
            select(id);
        }));
        return line;
    }

    /** The personal-data leaks of the current draft; they do not stop a save, they stop a deploy. */
    List<LeakFinding> leaks() {
        return leaks;
    }

    List<FlowProblem> problems() {
        return problems;
    }

    FlowDraft draft() {
        return draft;
    }

    FlowCanvas canvas() {
        return canvas;
    }

    /** What the canvas marks invalid now: {@code {"nodes": [ids], "edges": ["from->to"]}}. */
    JsonNode invalidMarks() {
        return FlowJson.parse(draft.invalidMarks(problems));
    }

    void save() {
        String text = comment.getValue().strip();
        try {
            FlowRef saved = store.save(username, flowId, loadedVersion, draft.json(),
                    text.isEmpty() ? getTranslation("editor.default-comment") : text);
            loadedVersion = saved.version();
            storedContent = draft.content();
            unsavedMarker.setVisible(false);
            conflict.setVisible(false);
            comment.clear();
            updateVersionLabel();
            history.refresh();
            Refusals.success(getTranslation("editor.saved", saved.version()));
        } catch (FlowStoreException refused) {
            if (refused.reason() == FlowStoreException.Reason.CONFLICT) {
                conflict.setText(getTranslation("editor.conflict", refused.getMessage()));
                conflict.setVisible(true);
            } else {
                Refusals.show(refused);
            }
        } catch (InvalidFlowException invalid) {
            Refusals.show(new InvalidFlowException(invalid.problems().stream().limit(8).toList()));
        }
    }

    boolean hasUnsavedEdits() {
        return mayChange && draft != null && !draft.content().equals(storedContent);
    }

    /** Leaving with unsaved edits asks first; staying keeps them. */
    @Override
    public void beforeLeave(BeforeLeaveEvent event) {
        if (!hasUnsavedEdits()) {
            return;
        }
        BeforeLeaveEvent.ContinueNavigationAction leave = event.postpone();
        ConfirmDialog ask = new ConfirmDialog(getTranslation("editor.leave.title"),
                getTranslation("editor.leave.text", loadedVersion), getTranslation("editor.leave.confirm"),
                confirmed -> leave.proceed());
        ask.setConfirmButtonTheme("error primary");
        ask.setCancelable(true);
        ask.setCancelText(getTranslation("editor.leave.stay"));
        ask.setId("confirm-leave");
        ask.open();
    }

    /** After a rollback or deploy: show the latest stored version. */
    private void reloadLatest() {
        load(store.get(username, flowId, null));
    }

    boolean conflictShown() {
        return conflict.isVisible();
    }

    String conflictText() {
        return conflict.getText();
    }
}
