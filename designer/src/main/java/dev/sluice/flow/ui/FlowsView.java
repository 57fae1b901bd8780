package dev.sluice.flow.ui;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.confirmdialog.ConfirmDialog;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.component.upload.Upload;
import com.vaadin.flow.component.upload.UploadI18N;
import com.vaadin.flow.component.upload.receivers.MemoryBuffer;
import com.vaadin.flow.data.value.ValueChangeMode;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.NotFoundException;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.server.streams.DownloadResponse;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import org.springframework.beans.factory.ObjectProvider;

import dev.sluice.base.ui.LiveUpdates;
import dev.sluice.engine.Engine;
import dev.sluice.eventmesh.EventMeshImport;
import dev.sluice.engine.FlowHistory;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flowstore.FlowRef;
import dev.sluice.flowstore.FlowState;
import dev.sluice.flowstore.FlowStore;
import dev.sluice.flowstore.FlowStoreException;
import dev.sluice.flowstore.FlowSummary;
import dev.sluice.json.Json;
import dev.sluice.pipeline.NodeRegistry;
import dev.sluice.source.SourceCatalog;
import dev.sluice.source.SourceSummary;
import dev.sluice.workspace.WorkspaceRole;
import dev.sluice.workspace.WorkspaceService;

/** The flows of one workspace: find, create, import, export, open and delete them. */
@Route("workspaces/:workspace/flows")
@PermitAll
class FlowsView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** Live refreshes between two redraws of the sparklines. */
    private static final int SPARKLINE_TICKS = 10;
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    private final String username;
    private final FlowStore store;
    private final SourceCatalog sources;
    private final WorkspaceService workspaces;
    private final Grid<FlowSummary> grid = new Grid<>();
    private final TextField search = new TextField();
    private final UnorderedList importProblems = new UnorderedList();
    private final Div importOutcome = new Div();
    private final FlowGraphs importGraph = new FlowGraphs("import-graph");
    private final NodeRegistry registry;
    private final Paragraph empty = new Paragraph();
    private String workspace;
    /** Whether the user may create, import, duplicate and delete flows here (an owner or steward of it). */
    private boolean mayChange;
    private final ObjectProvider<Engine> engine;
    private final EventMeshImport eventMesh;
    private Shown shown = new Shown(List.of(), Map.of());
    private int liveTicks;

    FlowsView(AuthenticationContext authentication, FlowStore store, SourceCatalog sources,
              WorkspaceService workspaces, ObjectProvider<Engine> engine, NodeRegistry registry,
              EventMeshImport eventMesh, LiveUpdates live) {
        live.keepFresh(this, () -> {
            if (grid.getParent().isPresent()) {
                refreshLive();
            }
        });
        this.engine = engine;
        this.eventMesh = eventMesh;
        this.registry = registry;
        this.username = authentication.getPrincipalName().orElseThrow();
        this.store = store;
        this.sources = sources;
        this.workspaces = workspaces;
    }

    @Override
    public String getPageTitle() {
        return getTranslation("flows.title") + " · Sluice";
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        workspace = event.getRouteParameters().get("workspace").orElse("");
        boolean member = workspaces.profile(username).workspaces().stream()
                .anyMatch(w -> w.workspace().equals(workspace));
        if (!member) {
            throw new NotFoundException();
        }
        removeAll();
        mayChange = writableWorkspaces().contains(workspace);
        try {
            store.list(username, workspace);
        } catch (FlowStoreException refused) {
            // auditors see every workspace in the menu, yet read the audit log, not flows
            Paragraph message = new Paragraph(getTranslation("flows.refused", refused.getMessage()));
            message.setId("flows-refused");
            add(message);
            return;
        }
        build();
        refresh();
    }

    private void build() {
        H2 title = new H2(getTranslation("flows.heading", workspace));
        title.setId("flows-title");

        search.setPlaceholder(getTranslation("flows.search"));
        search.setId("flow-search");
        search.setPrefixComponent(VaadinIcon.SEARCH.create());
        search.setValueChangeMode(ValueChangeMode.LAZY);
        search.addValueChangeListener(e -> refresh());
        search.setClearButtonVisible(true);

        TextField newName = new TextField();
        newName.setPlaceholder(getTranslation("flows.new-name"));
        newName.setId("new-flow-name");
        Button create = new Button(getTranslation("flows.create"), VaadinIcon.PLUS.create(),
                click -> create(newName.getValue().strip()));
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        create.setId("create-flow");

        MemoryBuffer buffer = new MemoryBuffer();
        Upload upload = new Upload(buffer);
        upload.setId("import-flow");
        upload.setAcceptedFileTypes("application/json", ".json");
        upload.setMaxFileSize(5_000_000);
        upload.setDropLabel(new com.vaadin.flow.component.html.Span(getTranslation("flows.import-drop")));
        upload.setI18n(uploadTexts());
        upload.addSucceededListener(e -> {
            try {
                importFlow(new String(buffer.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException unreadable) {
                showImportProblems(List.of(getTranslation("flows.import-unreadable")));
            }
            upload.clearFileList();
        });
        importProblems.setId("import-problems");
        importProblems.addClassName("problem-list");

        Button fromEventMesh = new Button(getTranslation("eventmesh.open-dialog"), VaadinIcon.EXCHANGE.create(),
                click -> openEventMeshImport());
        fromEventMesh.setId("import-eventmesh");
        fromEventMesh.setVisible(!writableWorkspaces().isEmpty());

        HorizontalLayout actions = new HorizontalLayout(search);
        if (mayChange) {
            actions.add(newName, create, fromEventMesh);
        }
        actions.setDefaultVerticalComponentAlignment(Alignment.BASELINE);

        grid.setId("flow-grid");
        grid.addComponentColumn(this::nameLink).setHeader(getTranslation("flows.col.name")).setFlexGrow(2);
        grid.addComponentColumn(this::stateShown).setHeader(getTranslation("flows.col.state"));
        grid.addColumn(FlowSummary::latestVersion).setHeader(getTranslation("flows.col.versions"));
        grid.addColumn(f -> WHEN.format(f.updatedAt()) + " · " + f.updatedBy())
                .setHeader(getTranslation("flows.col.changed")).setFlexGrow(2);
        grid.addComponentColumn(this::sparkline).setHeader(getTranslation("flows.last-hour")).setWidth("140px")
                .setFlexGrow(0);
        grid.addComponentColumn(this::rowActions).setHeader("").setFlexGrow(1);
        grid.setAllRowsVisible(true);
        empty.setId("no-flows");
        importOutcome.setId("import-outcome");
        importGraph.setWidthFull();
        importGraph.setVisible(false);
        add(title, actions, grid, empty);
        if (mayChange) {
            add(upload, importOutcome, importGraph, importProblems);
        }
    }

    /** The EventMesh import, for the workspaces where the user may create flows, this one first. */
    void openEventMeshImport() {
        List<String> writable = writableWorkspaces();
        if (writable.remove(workspace)) {
            writable.addFirst(workspace);
        }
        new EventMeshImportDialog(writable,
                ws -> sources.subscribableBy(ws).stream().map(SourceSummary::name).toList(),
                request -> eventMesh.importRules(username, request), done -> refresh()).open();
    }

    /** The upload's own words (its button, errors and progress) in the user's language. */
    private UploadI18N uploadTexts() {
        UploadI18N texts = new UploadI18N();
        texts.setAddFiles(new UploadI18N.AddFiles().setOne(getTranslation("flows.import-button"))
                .setMany(getTranslation("flows.import-button")));
        texts.setDropFiles(new UploadI18N.DropFiles().setOne(getTranslation("flows.import-drop"))
                .setMany(getTranslation("flows.import-drop")));
        texts.setError(new UploadI18N.Error().setTooManyFiles(getTranslation("flows.import.too-many"))
                .setFileIsTooBig(getTranslation("flows.import.too-big"))
                .setIncorrectFileType(getTranslation("flows.import.wrong-type")));
        texts.setUploading(new UploadI18N.Uploading().setStatus(new UploadI18N.Uploading.Status()
                .setConnecting(getTranslation("flows.import.connecting"))
                .setProcessing(getTranslation("flows.import.processing"))
                .setHeld(getTranslation("flows.import.held")).setStalled(getTranslation("flows.import.stalled"))));
        texts.setFile(new UploadI18N.File().setRetry(getTranslation("flows.import.retry"))
                .setStart(getTranslation("flows.import.start")).setRemove(getTranslation("flows.import.remove")));
        return texts;
    }

    private List<String> writableWorkspaces() {
        return new java.util.ArrayList<>(workspaces.profile(username).workspaces().stream()
                .filter(w -> w.role().includes(WorkspaceRole.STEWARD)).map(w -> w.workspace()).toList());
    }

    void refresh() {
        List<FlowSummary> flows = matchingFlows();
        shown = new Shown(flows, failing(flows));
        grid.setItems(flows);
        grid.setVisible(!flows.isEmpty());
        empty.setText(search.getValue().isBlank() ? getTranslation("flows.empty") : getTranslation("flows.no-match"));
        empty.setVisible(flows.isEmpty());
    }

    /**
     * Every few seconds: the list again when a flow came, went or changed state, the rows again when a flow began
     * or stopped failing, and the sparklines twice a minute. Scrolling and the search stay as they are.
     */
    private void refreshLive() {
        List<FlowSummary> flows = matchingFlows();
        Shown now = new Shown(flows, failing(flows));
        if (!flows.equals(shown.flows())) {
            refresh();
        } else if (!now.equals(shown) || ++liveTicks % SPARKLINE_TICKS == 0) {
            shown = now;
            grid.getDataProvider().refreshAll();
        }
    }

    private List<FlowSummary> matchingFlows() {
        String needle = search.getValue().strip().toLowerCase(Locale.ROOT);
        return store.list(username, workspace).stream()
                .filter(f -> needle.isEmpty() || f.name().toLowerCase(Locale.ROOT).contains(needle)
                        || (f.description() != null && f.description().toLowerCase(Locale.ROOT).contains(needle)))
                .toList();
    }

    /** Per deployed flow with events waiting for a retry: how many, as the badge shows them. */
    private Map<Long, Long> failing(List<FlowSummary> flows) {
        Engine running = engine.getIfAvailable();
        Map<Long, Long> failing = new HashMap<>();
        if (running != null) {
            flows.stream().filter(flow -> flow.state() == FlowState.DEPLOYED).forEach(flow -> running.status(flow.id())
                    .filter(status -> status.retrying() > 0 && status.lastFailure() != null)
                    .ifPresent(status -> failing.put(flow.id(), status.retrying())));
        }
        return failing;
    }

    /** What the list shows, to tell whether a live refresh changes anything. */
    private record Shown(List<FlowSummary> flows, Map<Long, Long> failing) {
    }

    private String state(FlowSummary flow) {
        return switch (flow.state()) {
            case DRAFT -> getTranslation("state.draft");
            case DEPLOYED -> getTranslation("state.deployed", flow.deployedVersion());
            case PAUSED -> getTranslation("state.paused", flow.deployedVersion());
        };
    }

    /**
     * The flow's state and, while events of a deployed flow wait for a retry on this instance's engine, a badge
     * saying so with the last failure as its tooltip: a failing target shows in the list, not only in its Run tab.
     */
    private com.vaadin.flow.component.Component stateShown(FlowSummary flow) {
        Span state = new Span(state(flow));
        HorizontalLayout shown = new HorizontalLayout(state);
        shown.setSpacing(true);
        shown.setDefaultVerticalComponentAlignment(Alignment.CENTER);
        Engine running = engine.getIfAvailable();
        if (running != null && flow.state() == FlowState.DEPLOYED) {
            running.status(flow.id()).filter(status -> status.retrying() > 0 && status.lastFailure() != null)
                    .ifPresent(status -> {
                        Span failing = new Span(getTranslation("flows.retrying", status.retrying()));
                        failing.getElement().getThemeList().add("badge error");
                        failing.addClassName("flow-failing");
                        failing.getElement().setAttribute("data-flow", flow.name());
                        failing.setTitle(status.lastFailure().node() + ": " + status.lastFailure().error());
                        shown.add(failing);
                    });
        }
        return shown;
    }

    /** Events delivered per second over the last hour on this instance; a dash while there is nothing to show. */
    private com.vaadin.flow.component.Component sparkline(FlowSummary flow) {
        Engine running = engine.getIfAvailable();
        List<FlowHistory.Sample> samples = running == null ? List.of() : running.history(flow.id());
        if (samples.size() < 2) {
            return new Span("—");
        }
        FlowChart chart = new FlowChart();
        chart.show(samples, List.of(new FlowChart.Line(getTranslation("chart.out"), "#2b9a3e",
                FlowHistory.Sample::outPerS)), "", true);
        chart.setWidth("120px");
        chart.setHeight("28px");
        chart.getElement().setAttribute("data-flow", flow.name());
        return chart;
    }

    private Anchor nameLink(FlowSummary flow) {
        Anchor link = new Anchor("flows/" + flow.id(), flow.name());
        link.addClassName("flow-link");
        link.getElement().setAttribute("data-flow", flow.name());
        return link;
    }

    HorizontalLayout rowActions(FlowSummary flow) {
        Anchor export = new Anchor(DownloadHandler.fromInputStream(event -> {
            byte[] json = store.export(username, flow.id(), null).getBytes(StandardCharsets.UTF_8);
            return new DownloadResponse(new ByteArrayInputStream(json), flow.name() + ".json", "application/json",
                    json.length);
        }), getTranslation("flows.export"));
        export.setDownload(true);
        export.addClassName("export-flow");
        Button delete = new Button(VaadinIcon.TRASH.create(), click -> confirmDelete(flow));
        delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
        delete.setAriaLabel(getTranslation("flows.delete"));
        delete.addClassName("delete-flow");
        delete.getElement().setAttribute("data-flow", flow.name());
        Button duplicate = new Button(VaadinIcon.COPY.create(), click -> duplicate(flow));
        duplicate.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        duplicate.setAriaLabel(getTranslation("flows.duplicate"));
        duplicate.setTooltipText(getTranslation("flows.duplicate"));
        duplicate.addClassName("duplicate-flow");
        duplicate.getElement().setAttribute("data-flow", flow.name());
        HorizontalLayout row = mayChange ? new HorizontalLayout(export, duplicate, delete)
                : new HorizontalLayout(export);
        row.setDefaultVerticalComponentAlignment(Alignment.CENTER);
        return row;
    }

    /** Saves the latest version of {@code flow} as a new flow named "…-copy" (or "-copy-2"…) and opens it. */
    void duplicate(FlowSummary flow) {
        try {
            var document = (com.fasterxml.jackson.databind.node.ObjectNode) FlowJson.parse(
                    store.export(username, flow.id(), null));
            java.util.Set<String> taken = new java.util.HashSet<>();
            store.list(username, workspace).forEach(f -> taken.add(f.name()));
            String name = flow.name() + "-copy";
            for (int n = 2; taken.contains(name); n++) {
                name = flow.name() + "-copy-" + n;
            }
            document.put("name", name);
            FlowRef copy = store.importFlow(username, document.toString(),
                    getTranslation("flows.duplicated-comment", flow.name()));
            getUI().ifPresent(ui -> ui.navigate("flows/" + copy.id()));
        } catch (RuntimeException refused) {
            Refusals.show(refused);
        }
    }

    void confirmDelete(FlowSummary flow) {
        ConfirmDialog dialog = new ConfirmDialog(getTranslation("flows.delete.title", flow.name()),
                getTranslation("flows.delete.text"), getTranslation("flows.delete"), confirmed -> {
            try {
                store.delete(username, flow.id());
                Refusals.success(getTranslation("flows.deleted", flow.name()));
            } catch (RuntimeException refused) {
                Refusals.show(refused);
            }
            refresh();
        });
        dialog.setConfirmButtonTheme("error primary");
        dialog.setCancelable(true);
        dialog.setCancelText(getTranslation("common.cancel"));
        dialog.setId("confirm-delete");
        dialog.open();
    }

    /** A new flow reads the workspace's first source and writes to a log target, so it is valid from the start. */
    void create(String name) {
        if (name.isEmpty()) {
            Refusals.show(new IllegalArgumentException(getTranslation("flows.name-needed")));
            return;
        }
        List<SourceSummary> readable = sources.subscribableBy(workspace);
        String source = readable.isEmpty() ? "" : readable.getFirst().name();
        var document = Json.MAPPER.createObjectNode();
        document.put("schemaVersion", 1).put("name", name).put("workspace", workspace);
        var nodes = document.putArray("nodes");
        nodes.addObject().put("id", "source").put("kind", "source").putObject("config").put("source", source);
        nodes.addObject().put("id", "log").put("kind", "target.log").putObject("config").put("label", name);
        document.putArray("edges").addObject().put("from", "source").put("to", "log");
        var layout = document.putObject("layout");
        layout.putObject("source").put("x", 40).put("y", 80);
        layout.putObject("log").put("x", 700).put("y", 80);
        try {
            FlowRef created = store.importFlow(username, document.toString(), getTranslation("flows.created-comment"));
            getUI().ifPresent(ui -> ui.navigate("flows/" + created.id()));
        } catch (RuntimeException refused) {
            Refusals.show(refused);
        }
    }

    void importFlow(String json) {
        try {
            FlowRef imported = store.importFlow(username, json, getTranslation("flows.imported-comment"));
            showImportProblems(List.of());
            Refusals.success(getTranslation("flows.imported", imported.id()));
            refresh();
        } catch (InvalidFlowException invalid) {
            showImportProblems(invalid.problems(), json);
        } catch (RuntimeException refused) {
            showImportProblems(Refusals.lines(refused));
        }
    }

    /**
     * Each problem of a refused import at its node ({@code shout: $.nodes[1].kind …}), and the imported graph
     * with its invalid nodes and edges marked, when the file holds a graph at all.
     */
    private void showImportProblems(List<FlowProblem> problems, String json) {
        FlowDraft draft;
        try {
            draft = new FlowDraft(registry, json);
        } catch (RuntimeException noGraph) {
            showImportProblems(problems.stream().map(p -> p.path() + " " + p.message()).toList());
            return;
        }
        showImportProblems(problems.stream().map(p -> draft.nodeOf(p).map(id -> id + ": ").orElse("")
                + p.path() + " " + p.message()).toList());
        JsonNode marked = FlowJson.parse(draft.invalidMarks(problems));
        Map<String, String> marks = new HashMap<>();
        marked.path("nodes").forEach(id -> marks.put(id.asText(), "invalid"));
        marked.path("edges").forEach(id -> marks.put(id.asText(), "invalid"));
        importGraph.show(List.of(FlowGraphs.side("", draft.tree(), marks, registry)));
        importGraph.setVisible(!draft.nodes().isEmpty());
    }

    private void showImportProblems(List<String> lines) {
        importGraph.setVisible(false);
        importProblems.removeAll();
        lines.forEach(line -> importProblems.add(new ListItem(line)));
        importProblems.setVisible(!lines.isEmpty());
        importOutcome.setText(lines.isEmpty() ? "" : getTranslation("flows.import-failed", lines.size()));
    }

    String importGraph() {
        return importGraph.isVisible() ? importGraph.model() : "";
    }
}
