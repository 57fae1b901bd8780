package dev.sluice.flow.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;

import dev.sluice.base.ui.LiveUpdates;
import dev.sluice.flow.FlowJson;
import dev.sluice.flowstore.FlowDiff;
import dev.sluice.flowstore.FlowStore;
import dev.sluice.flowstore.FlowVersionInfo;
import dev.sluice.pipeline.NodeRegistry;

/**
 * Every saved version with author and time; two versions compared side by side (graphs with their differences
 * marked, and each changed value); rollback by saving an old one anew.
 */
class HistoryPanel extends VerticalLayout {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss")
            .withZone(ZoneId.systemDefault());

    private final EditorPanels.Context context;
    private final FlowStore store;
    private final Grid<FlowVersionInfo> grid = new Grid<>();
    private final Select<Integer> from = new Select<>();
    private final Select<Integer> to = new Select<>();
    private final Div diff = new Div();
    private final NodeRegistry registry;
    private List<FlowVersionInfo> shown = List.of();

    HistoryPanel(EditorPanels.Context context, FlowStore store, NodeRegistry registry, LiveUpdates live) {
        this.context = context;
        this.store = store;
        this.registry = registry;
        setPadding(false);
        grid.setId("version-grid");
        grid.addColumn(FlowVersionInfo::version).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(FlowVersionInfo::author).setHeader(getTranslation("history.author"));
        grid.addColumn(v -> WHEN.format(v.createdAt())).setHeader(getTranslation("history.when"));
        grid.addColumn(FlowVersionInfo::comment).setHeader(getTranslation("history.comment")).setFlexGrow(2);
        grid.setAllRowsVisible(true);
        from.setLabel(getTranslation("history.from"));
        to.setLabel(getTranslation("history.to"));
        Button show = new Button(getTranslation("history.diff"), click -> showDiff());
        show.setId("show-diff");
        Button rollback = new Button(getTranslation("history.rollback"), click -> rollback());
        rollback.setId("rollback");
        diff.setId("version-diff");
        Button reload = new Button(getTranslation("history.refresh"), click -> refresh());
        HorizontalLayout pick = new HorizontalLayout(from, to, show);
        pick.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        add(reload, grid, pick);
        if (context.mayChange()) {
            add(rollback);
        }
        add(diff);
        refresh();
        live.keepFresh(this, this::refreshWhenSaved);
    }

    void refresh() {
        show(store.versions(context.username(), context.flowId()));
    }

    /** Lists the versions again when one was saved since, by this user elsewhere or by another steward. */
    private void refreshWhenSaved() {
        List<FlowVersionInfo> versions = store.versions(context.username(), context.flowId());
        if (!versions.equals(shown)) {
            show(versions);
        }
    }

    private void show(List<FlowVersionInfo> versions) {
        shown = versions;
        grid.setItems(versions.reversed());
        List<Integer> numbers = versions.stream().map(FlowVersionInfo::version).toList();
        from.setItems(numbers);
        to.setItems(numbers);
        if (!numbers.isEmpty()) {
            to.setValue(numbers.getLast());
            from.setValue(numbers.size() > 1 ? numbers.get(numbers.size() - 2) : numbers.getFirst());
        }
    }

    void showDiff() {
        diff.removeAll();
        if (from.getValue() == null || to.getValue() == null || from.getValue().equals(to.getValue())) {
            diff.add(new Div(getTranslation("history.pick-two")));
            return;
        }
        try {
            int older = Math.min(from.getValue(), to.getValue());
            int newer = Math.max(from.getValue(), to.getValue());
            FlowDiff result = store.diff(context.username(), context.flowId(), older, newer);
            if (result.identical() || result.layoutOnly()) {
                diff.add(new Div(getTranslation(result.identical() ? "history.identical" : "history.layout-only")));
                if (result.identical()) {
                    return;
                }
            }
            FlowGraphs graphs = new FlowGraphs("version-diff-graphs");
            graphs.show(VersionComparison.graphs(result,
                    FlowJson.parse(store.get(context.username(), context.flowId(), older).definition()),
                    getTranslation("history.version", older),
                    FlowJson.parse(store.get(context.username(), context.flowId(), newer).definition()),
                    getTranslation("history.version", newer), registry));
            graphs.setWidthFull();
            Span legend = new Span(getTranslation("history.legend"));
            legend.addClassName("diff-legend");
            diff.add(graphs, legend, changes(VersionComparison.rows(result), older, newer));
        } catch (RuntimeException refused) {
            Refusals.lines(refused).forEach(line -> diff.add(new Div(line)));
        }
    }

    private Grid<VersionComparison.Row> changes(List<VersionComparison.Row> rows, int older, int newer) {
        Grid<VersionComparison.Row> grid = new Grid<>();
        grid.setId("version-changes");
        grid.addColumn(VersionComparison.Row::where).setHeader(getTranslation("history.where")).setFlexGrow(2)
                .setTooltipGenerator(VersionComparison.Row::where);
        String absent = getTranslation("history.absent");
        grid.addColumn(row -> row.before() == null ? absent : row.before())
                .setHeader(getTranslation("history.version", older)).setFlexGrow(2).setPartNameGenerator(
                        row -> row.before() == null ? "absent" : row.after() == null ? "removed" : "old");
        grid.addColumn(row -> row.after() == null ? absent : row.after())
                .setHeader(getTranslation("history.version", newer)).setFlexGrow(2).setPartNameGenerator(
                        row -> row.after() == null ? "absent" : row.before() == null ? "added" : "new");
        grid.setItems(rows);
        grid.setAllRowsVisible(true);
        grid.setEmptyStateText(getTranslation("history.no-changes"));
        return grid;
    }

    /** Saves the version picked as "from" as the newest version; the editor then reloads it. */
    void rollback() {
        Integer version = from.getValue();
        if (version == null) {
            return;
        }
        try {
            List<FlowVersionInfo> versions = store.versions(context.username(), context.flowId());
            int latest = versions.getLast().version();
            store.save(context.username(), context.flowId(), latest,
                    store.get(context.username(), context.flowId(), version).definition(),
                    getTranslation("history.rollback-comment", version));
            Refusals.success(getTranslation("history.rolled-back", version));
            context.reload().run();
        } catch (RuntimeException refused) {
            Refusals.show(refused);
        }
    }
}
