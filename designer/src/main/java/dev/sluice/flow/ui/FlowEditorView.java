package dev.sluice.flow.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.DetachEvent;
import com.vaadin.flow.component.UI;
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
import com.vaadin.flow.component.tabs.Tab;
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

import dev.sluice.base.ui.NeedsWidth;
import dev.sluice.base.ui.ProblemTexts;
import dev.sluice.flow.Flow;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flowstore.FlowDraftCopy;
import dev.sluice.flowstore.FlowDrafts;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.flowstore.FlowStore;
import dev.sluice.flowstore.FlowStoreException;
import dev.sluice.flowstore.StoredFlowVersion;
import dev.sluice.pipeline.FlowValidator;
import dev.sluice.pipeline.NodeCategory;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.pipeline.NodeRole;
import dev.sluice.pipeline.ValidationContext;
import dev.sluice.privacy.Clearance;
import dev.sluice.privacy.Leak;
import dev.sluice.privacy.LeakFinding;
import dev.sluice.privacy.LeakFixes;

/**
 * One flow in the designer: the canvas with its palette, the selected node's property form, live
 * validation, save with a comment, and panels to preview, run and look back at versions. Unsaved edits are kept on
 * the server as the user's draft ({@link FlowDrafts}) after each change, valid or not, and restored on return.
 */
@Route("flows/:id")
@PermitAll
class FlowEditorView extends VerticalLayout
        implements BeforeEnterObserver, BeforeLeaveObserver, HasDynamicTitle, NeedsWidth {

    private static final String WARN_BEFORE_UNLOAD = """
            if (!window.sluiceUnsavedEdits) {
              window.sluiceUnsavedEdits = e => { e.preventDefault(); e.returnValue = ''; };
              window.addEventListener('beforeunload', window.sluiceUnsavedEdits);
            }""";
    private static final String STOP_WARNING_BEFORE_UNLOAD = """
            if (window.sluiceUnsavedEdits) {
              window.removeEventListener('beforeunload', window.sluiceUnsavedEdits);
              window.sluiceUnsavedEdits = null;
            }""";

    private final String username;
    private final FlowStore store;
    private final FlowDrafts drafts;
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
    private final Div saveRefused = new Div();
    private TabSheet sideTabs;
    private Tab problemsTab;
    private final H2 title = new H2();

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
    /** The document last kept as the user's draft on the server; null while none is kept. */
    private String keptDraft;
    private boolean warnsBeforeUnload;

    FlowEditorView(AuthenticationContext authentication, FlowStore store, FlowDrafts drafts, NodeRegistry registry,
                   FlowValidator validator, FormContexts formContexts, EditorPanels panels) {
        this.formContexts = formContexts;
        this.drafts = drafts;
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
        keptDraft = null;
        Optional<FlowDraftCopy> restored = mayChange ? drafts.find(username, flowId) : Optional.empty();
        restored = restored.filter(this::restore);
        removeAll();
        build(stored);
        restored.ifPresent(kept -> addComponentAtIndex(1, new DraftNotice(kept, this::discardDraft)));
        showCanvas();
        validate();
    }

    /** Takes the kept draft as the document being edited, unless it is not a flow document or changes nothing. */
    private boolean restore(FlowDraftCopy kept) {
        FlowDraft restored;
        try {
            restored = new FlowDraft(registry, kept.document());
        } catch (InvalidFlowException | ClassCastException notADocument) {
            return false;
        }
        restored.rename(flowName);
        if (restored.content().equals(storedContent)) {
            return false;
        }
        draft = restored;
        keptDraft = restored.json();
        return true;
    }

    /** Back to the saved version; the draft is gone. */
    private void discardDraft() {
        drafts.discard(username, flowId);
        reloadLatest();
    }

    /** Keeps the edits as the user's draft whenever they differ from the saved version; drops it when they do not. */
    private void keepDraft() {
        if (!mayChange) {
            return;
        }
        String document = hasUnsavedEdits() ? draft.json() : null;
        if (Objects.equals(document, keptDraft)) {
            return;
        }
        if (document != null) {
            drafts.keep(username, flowId, loadedVersion, document);
        } else {
            drafts.discard(username, flowId);
        }
        keptDraft = document;
    }

    /** The browser asks before closing or reloading the tab while there are unsaved edits. */
    private void warnBeforeUnload(boolean warn) {
        if (warn == warnsBeforeUnload || UI.getCurrent() == null) {
            return;
        }
        warnsBeforeUnload = warn;
        UI.getCurrent().getPage().executeJs(warn ? WARN_BEFORE_UNLOAD : STOP_WARNING_BEFORE_UNLOAD);
    }

    @Override
    protected void onDetach(DetachEvent detachEvent) {
        super.onDetach(detachEvent);
        if (warnsBeforeUnload) {
            warnsBeforeUnload = false;
            detachEvent.getUI().getPage().executeJs(STOP_WARNING_BEFORE_UNLOAD);
        }
    }

    /** Whether closing the tab now would make the browser ask first. */
    boolean warnsBeforeUnload() {
        return warnsBeforeUnload;
    }

    private ValidationContext contextFor(String workspace) {
        return store.validationContext(workspace);
    }

    private void build(StoredFlowVersion stored) {
        RouterLink back = new RouterLink(getTranslation("editor.back"), FlowsView.class,
                new RouteParameters("workspace", workspace));
        title.setText(flowName);
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
        saveRefused.setText(getTranslation("editor.save-refused.kept"));
        saveRefused.setId("save-refused");
        saveRefused.addClassName("form-hint");
        saveRefused.setVisible(false);
        HorizontalLayout header = new HorizontalLayout(back, title, versionLabel, unsavedMarker);
        if (mayChange) {
            Button rename = new Button(VaadinIcon.PENCIL.create(), click -> new RenameFlowDialog(flowName,
                    this::rename).open());
            rename.addThemeVariants(ButtonVariant.LUMO_TERTIARY_INLINE);
            rename.setTooltipText(getTranslation("editor.rename.title"));
            rename.setAriaLabel(getTranslation("editor.rename.title"));
            rename.setId("rename-flow");
            header.addComponentAtIndex(2, rename);
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
        sideTabs = side;
        side.setId("editor-tabs");
        side.add(getTranslation("editor.tab.properties"), properties);
        problemsTab = side.add(getTranslation("editor.tab.problems"), new VerticalLayout(problemCount, problemList));
        panelContext = new EditorPanels.Context(username, flowId, mayChange, () -> draft,
                this::validate, () -> loadedVersion, this::reloadLatest);
        side.add(getTranslation("editor.tab.preview"), panels.preview(panelContext));
        RunPanel run = panels.run(panelContext);
        run.onStatus(canvas::showCounts);
        panels.keepStatusFresh(canvas, panelContext, canvas::showCounts);
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
        add(header, conflict, saveRefused, split);
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
                    form.showProblems(draft.fieldProblems(nodeId, inUserLanguage(problems)));
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
        warnBeforeUnload(hasUnsavedEdits());
        keepDraft();
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
            form.showProblems(draft.fieldProblems(formNode, inUserLanguage(problems)));
        }
        canvas.setLeaks(FlowDraft.leakRoutes(leaks));
        canvas.setNotes(CanvasNotes.of(draft, inUserLanguage(problems), leaks, getLocale()));
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
            group.getElement().setAttribute("data-field", first.sourcePath());
            for (LeakFinding leak : field) {
                Leak route = leak.leak();
                String line = getTranslation("editor.leak.route", route.target(), route.targetPath(),
                        arrivesAs(route.form()), String.join(" → ", route.via()));
                group.add(problemLine(new FlowProblem(leak.problem().path(), line), "", "leak-problem", line));
            }
            if (mayChange) {
                group.add(leakFixes(field));
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

    /**
     * One click that ends the field's leaks: mask it (where the workspace may receive it masked) or remove it, by a
     * rule in a mask node on its routes, or in a new one after the source. The mask node becomes the selected one, its
     * form ready under Properties; the Problems tab stays open for the next leak.
     */
    private HorizontalLayout leakFixes(List<LeakFinding> field) {
        List<Leak> routes = field.stream().map(LeakFinding::leak).toList();
        HorizontalLayout fixes = new HorizontalLayout();
        fixes.setWrap(true);
        fixes.addClassName("leak-fixes");
        if (field.getFirst().cleared() == Clearance.Level.MASKED) {
            fixes.add(leakFix(routes, LeakFixes.Fix.MASK, "editor.leak.fix.mask"));
        }
        fixes.add(leakFix(routes, LeakFixes.Fix.REMOVE, "editor.leak.fix.remove"));
        return fixes;
    }

    private Button leakFix(List<Leak> routes, LeakFixes.Fix fix, String key) {
        Button button = new Button(getTranslation(key, routes.getFirst().sourcePath()), click -> {
            List<String> masks = draft.fixLeaks(routes, fix);
            showCanvas();
            validate();
            if (!masks.isEmpty()) {
                select(masks.getLast());
            }
        });
        button.addThemeVariants(ButtonVariant.LUMO_SMALL);
        button.addClassName(fix == LeakFixes.Fix.MASK ? "leak-fix-mask" : "leak-fix-remove");
        return button;
    }

    /** How a leaked value arrives, from the guard's {@code clear} or {@code masked-by <mode>}. */
    private String arrivesAs(String form) {
        if (!form.startsWith("masked-by ")) {
            return getTranslation("editor.leak.form.clear");
        }
        String mode = form.substring("masked-by ".length());
        return getTranslation("editor.leak.form.masked", registry.kind("mask")
                .map(mask -> NodeTexts.itemTitle(mask.spec(), "rules", "mode", mode, getLocale())).orElse(mode));
    }

    /** A script or template: code the leak guard cannot read. */
    private boolean isCode(String nodeId) {
        return draft.node(nodeId).flatMap(node -> registry.kind(node.path("kind").asText()))
                .map(kind -> kind.spec().category() == NodeCategory.CODE).orElse(false);
    }

    private Button problemLine(FlowProblem problem, String prefix, String className) {
        Optional<String> node = draft.nodeOf(problem);
        return problemLine(problem, prefix, className, prefix + node.map(id -> id + ": ").orElse("")
                + draft.missingSetting(problem).map(this::missingText)
                        .orElse(problem.path() + " " + ProblemTexts.message(problem.message(), getLocale())));
    }

    /** What to choose or fill in: the kind's own words where it has them ("add at least one rule"). */
    private String missingText(FlowDraft.MissingSetting missing) {
        return NodeTexts.missing(missing.kind(), missing.setting(), getLocale())
                .orElseGet(() -> getTranslation("editor.problem.missing", registry.kind(missing.kind())
                        .map(kind -> NodeTexts.configSchema(kind.spec(), getLocale()).path("properties")
                                .path(missing.setting()).path("title").asText(missing.title()))
                        .orElse(missing.title())));
    }

    private List<FlowProblem> inUserLanguage(List<FlowProblem> problems) {
        return problems.stream().map(problem -> new FlowProblem(problem.path(),
                ProblemTexts.message(problem.message(), getLocale()))).toList();
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
            keptDraft = null;
            unsavedMarker.setVisible(false);
            warnBeforeUnload(false);
            saveRefused.setVisible(false);
            getChildren().filter(DraftNotice.class::isInstance).toList().forEach(this::remove);
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
            // the problems are listed, in words and by node, under Problems: shown there rather than as paths here
            saveRefused.setVisible(true);
            sideTabs.setSelectedTab(problemsTab);
            Refusals.refused(getTranslation("editor.save-refused", invalid.problems().size()));
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
        keepDraft();
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

    /** Renames the flow; answers why not when the name is refused. */
    private Optional<String> rename(String newName) {
        try {
            flowName = store.rename(username, flowId, newName).name();
            draft.rename(flowName);
            storedContent = new FlowDraft(registry, store.get(username, flowId, loadedVersion).definition()).content();
            title.setText(flowName);
            UI.getCurrent().getPage().setTitle(getPageTitle());
            validate();
            Refusals.success(getTranslation("editor.rename.done", flowName));
            return Optional.empty();
        } catch (InvalidFlowException invalid) {
            return Optional.of(getTranslation("editor.rename.invalid"));
        } catch (FlowStoreException refused) {
            return Optional.of(refused.reason() == FlowStoreException.Reason.CONFLICT
                    ? getTranslation("editor.rename.taken", newName, workspace) : refused.getMessage());
        }
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
