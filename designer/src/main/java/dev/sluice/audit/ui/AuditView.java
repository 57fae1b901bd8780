package dev.sluice.audit.ui;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import com.vaadin.flow.component.Key;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.AttachmentType;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.QueryParameters;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import dev.sluice.audit.AuditAccessDenied;
import dev.sluice.audit.AuditEntry;
import dev.sluice.audit.AuditLog;
import dev.sluice.audit.AuditQuery;
import dev.sluice.audit.AuditVerification;

/**
 * The audit log for auditors and platform admins (everything) and workspace owners (their workspaces): filters,
 * entries newest first, an entry's details with the flow diff, CSV export of the filtered set with its progress,
 * and chain verification. Text filters can be given in the address ({@code audit?workspace=finance&action=flow.*}).
 * What a user may read is decided by {@link AuditLog}, not by this view.
 */
@Route("audit")
@PermitAll
class AuditView extends VerticalLayout implements BeforeEnterObserver, HasDynamicTitle {

    /** When an entry was recorded, to the second, in UTC as the time filters read it. */
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final AuditLog audit;
    private final String user;
    private final DateTimePicker from = new DateTimePicker();
    private final DateTimePicker to = new DateTimePicker();
    private final Map<String, TextField> textFilters = new LinkedHashMap<>();
    private final Grid<AuditEntry> grid = new Grid<>(AuditEntry.class, false);
    private final Paragraph queryRefused = new Paragraph();
    private final Span verifyResult = new Span();
    private final ExportProgress progress = new ExportProgress();
    private final Anchor csv = new Anchor();
    private AuditQuery query = AuditQuery.all();

    AuditView(AuthenticationContext authentication, AuditLog audit) {
        this.audit = audit;
        this.user = authentication.getPrincipalName().orElseThrow();
        setSizeFull();
        H2 title = new H2(getTranslation("audit.title"));
        title.setId("audit-title");
        add(title);
        if (!audit.mayRead(user)) {
            Paragraph refused = new Paragraph(getTranslation("audit.refused"));
            refused.setId("audit-refused");
            add(refused);
            return;
        }
        queryRefused.setId("audit-query-refused");
        queryRefused.setVisible(false);
        add(filters(), toolbar(), progress, queryRefused, grid());
    }

    @Override
    public String getPageTitle() {
        return getTranslation("audit.title") + " · Sluice";
    }

    /** Takes the text filters from the address, so a link can point at e.g. one workspace's deployments. */
    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        if (!audit.mayRead(user)) {
            return;
        }
        QueryParameters parameters = event.getLocation().getQueryParameters();
        textFilters.forEach((name, field) -> field.setValue(parameters.getSingleParameter(name).orElse("")));
        refresh();
    }

    private FlexLayout filters() {
        from.setLabel(getTranslation("audit.filter.from"));
        from.setId("filter-from");
        to.setLabel(getTranslation("audit.filter.to"));
        to.setId("filter-to");
        FlexLayout filters = new FlexLayout(from, to);
        for (String name : new String[] {"actor", "workspace", "action", "objectType", "objectId"}) {
            TextField field = new TextField(getTranslation("audit.filter." + name));
            field.setId("filter-" + name.replaceAll("([A-Z])", "-$1").toLowerCase());
            field.setClearButtonVisible(true);
            field.addKeyPressListener(Key.ENTER, enter -> apply());
            textFilters.put(name, field);
            filters.add(field);
        }
        textFilters.get("action").setHelperText(getTranslation("audit.filter.action.help"));
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.getStyle().set("gap", "var(--lumo-space-m)");
        return filters;
    }

    private HorizontalLayout toolbar() {
        Button apply = new Button(getTranslation("audit.apply"), VaadinIcon.FILTER.create(), click -> apply());
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setId("apply-filters");
        csv.setHref(csvDownload(), AttachmentType.DOWNLOAD);
        csv.setText(getTranslation("audit.export"));
        csv.setId("export-csv");
        csv.getElement().addEventListener("click", click -> progress.requested(UI.getCurrent()));
        HorizontalLayout toolbar = new HorizontalLayout(apply, csv);
        toolbar.setDefaultVerticalComponentAlignment(Alignment.CENTER);
        if (audit.mayVerify(user)) {
            Button verify = new Button(getTranslation("audit.verify"), VaadinIcon.CHECK_CIRCLE.create(),
                    click -> verify());
            verify.setId("verify-chain");
            verifyResult.setId("verify-result");
            toolbar.add(verify, verifyResult);
        }
        return toolbar;
    }

    private Grid<AuditEntry> grid() {
        grid.setId("audit-grid");
        grid.addColumn(AuditEntry::id).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> TIME.format(e.at())).setHeader(getTranslation("audit.col.time")).setAutoWidth(true);
        grid.addColumn(AuditEntry::actor).setHeader(getTranslation("audit.col.actor")).setAutoWidth(true);
        grid.addColumn(AuditEntry::workspace).setHeader(getTranslation("audit.col.workspace")).setAutoWidth(true);
        grid.addColumn(AuditEntry::action).setHeader(getTranslation("audit.col.action")).setAutoWidth(true);
        grid.addColumn(e -> e.objectType() == null ? "" : e.objectType() + " " + nullToEmpty(e.objectId()))
                .setHeader(getTranslation("audit.col.object"));
        grid.addColumn(AuditEntry::outcome).setHeader(getTranslation("audit.col.outcome")).setAutoWidth(true);
        grid.addItemClickListener(click -> new AuditEntryDialog(click.getItem()).open());
        grid.setSizeFull();
        return grid;
    }

    /** Streams the filtered set as CSV; the export itself is checked and recorded by the audit log. */
    private DownloadHandler csvDownload() {
        return event -> {
            event.setFileName("sluice-audit.csv");
            event.setContentType("text/csv; charset=UTF-8");
            writeCsv(new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8), event.getUI());
        };
    }

    /** Writes the current filter's entries as CSV to {@code out}, reporting the rows written as it goes. */
    void writeCsv(Writer out, UI ui) {
        AuditQuery current = query;
        AuditLog.CsvExport export = audit.export(user, current);
        ExportProgress.Reporter reporter = progress.start(ui, audit.search(user, current, 0, 1).total());
        CsvRowCounter counter = new CsvRowCounter(out, records -> reporter.rows(Math.max(0, records - 1)));
        try {
            export.writeTo(counter);
            counter.flush();
        } catch (IOException failed) {
            reporter.failed(String.valueOf(failed.getMessage()));
            throw new UncheckedIOException(failed);
        } catch (RuntimeException failed) {
            reporter.failed(String.valueOf(failed.getMessage()));
            throw failed;
        }
        reporter.finished(Math.max(0, counter.records() - 1));
    }

    private void apply() {
        Map<String, String> values = new LinkedHashMap<>();
        textFilters.forEach((name, field) -> {
            if (blank(field.getValue()) != null) {
                values.put(name, field.getValue().strip());
            }
        });
        UI.getCurrent().getPage().getHistory().replaceState(null, "audit"
                + (values.isEmpty() ? "" : "?" + QueryParameters.simple(values).getQueryString()));
        refresh();
    }

    private void refresh() {
        query = new AuditQuery(instant(from.getValue()), instant(to.getValue()), filter("actor"),
                filter("workspace"), filter("action"), filter("objectType"), filter("objectId"));
        AuditQuery current = query;
        try {
            audit.search(user, current, 0, 1);
            grid.setItems(page -> audit.search(user, current, page.getPage(), page.getPageSize()).entries().stream(),
                    page -> (int) Math.min(Integer.MAX_VALUE, audit.search(user, current, 0, 1).total()));
            queryRefused.setVisible(false);
            csv.setEnabled(true);
        } catch (AuditAccessDenied refused) {
            grid.setItems();
            queryRefused.setText(getTranslation("audit.query-refused", refused.getMessage()));
            queryRefused.setVisible(true);
            csv.setEnabled(false);
        }
    }

    private void verify() {
        AuditVerification result = audit.verify(user);
        verifyResult.getElement().getThemeList().clear();
        if (result.ok()) {
            verifyResult.setText(getTranslation("audit.verify.ok", result.entries()));
            verifyResult.getElement().getThemeList().set("badge success", true);
        } else {
            verifyResult.setText(getTranslation("audit.verify.broken", result.firstBad().id(),
                    result.firstBad().reason()));
            verifyResult.getElement().getThemeList().set("badge error", true);
            if (result.firstBad().entry() != null) {
                new AuditEntryDialog(result.firstBad().entry()).open();
            }
        }
    }

    private String filter(String name) {
        return blank(textFilters.get(name).getValue());
    }

    private static Instant instant(LocalDateTime value) {
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
