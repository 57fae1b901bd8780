package dev.sluice.audit.ui;

import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.datetimepicker.DateTimePicker;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.server.streams.DownloadHandler;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import dev.sluice.audit.AuditEntry;
import dev.sluice.audit.AuditLog;
import dev.sluice.audit.AuditQuery;
import dev.sluice.audit.AuditVerification;

/**
 * The audit log for auditors and platform admins (everything) and workspace owners (their workspaces): filters,
 * entries newest first, an entry's details with the flow diff, CSV export of the filtered set and chain
 * verification. What a user may read is decided by {@link AuditLog}, not by this view.
 */
@Route("audit")
@PageTitle("Audit log · Sluice")
@PermitAll
class AuditView extends VerticalLayout {

    private final AuditLog audit;
    private final String user;
    private final DateTimePicker from = new DateTimePicker("From (UTC)");
    private final DateTimePicker to = new DateTimePicker("To (UTC)");
    private final TextField actor = new TextField("Actor");
    private final TextField workspace = new TextField("Workspace");
    private final TextField action = new TextField("Action");
    private final TextField objectType = new TextField("Object type");
    private final TextField objectId = new TextField("Object id");
    private final Grid<AuditEntry> grid = new Grid<>(AuditEntry.class, false);
    private final Span verifyResult = new Span();
    private AuditQuery query = AuditQuery.all();

    AuditView(AuthenticationContext authentication, AuditLog audit) {
        this.audit = audit;
        this.user = authentication.getPrincipalName().orElseThrow();
        setSizeFull();
        add(new H2("Audit log"));
        if (!audit.mayRead(user)) {
            Paragraph refused = new Paragraph("The audit log is for auditors, platform admins and workspace owners.");
            refused.setId("audit-refused");
            add(refused);
            return;
        }
        add(filters(), toolbar());
        grid.setId("audit-grid");
        grid.addColumn(AuditEntry::id).setHeader("#").setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(e -> e.at().toString()).setHeader("Time (UTC)").setAutoWidth(true);
        grid.addColumn(AuditEntry::actor).setHeader("Actor").setAutoWidth(true);
        grid.addColumn(AuditEntry::workspace).setHeader("Workspace").setAutoWidth(true);
        grid.addColumn(AuditEntry::action).setHeader("Action").setAutoWidth(true);
        grid.addColumn(e -> e.objectType() == null ? "" : e.objectType() + " " + nullToEmpty(e.objectId()))
                .setHeader("Object");
        grid.addColumn(AuditEntry::outcome).setHeader("Outcome").setAutoWidth(true);
        grid.addItemClickListener(click -> new AuditEntryDialog(click.getItem()).open());
        grid.setSizeFull();
        add(grid);
        refresh();
    }

    private FlexLayout filters() {
        workspace.setId("filter-workspace");
        action.setId("filter-action");
        action.setHelperText("e.g. flow.deploy, or flow.* for all flow actions");
        objectId.setId("filter-object-id");
        actor.setId("filter-actor");
        from.setId("filter-from");
        to.setId("filter-to");
        FlexLayout filters = new FlexLayout(from, to, actor, workspace, action, objectType, objectId);
        filters.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        filters.getStyle().set("gap", "var(--lumo-space-m)");
        return filters;
    }

    private HorizontalLayout toolbar() {
        Button apply = new Button("Apply filters", VaadinIcon.FILTER.create(), click -> refresh());
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setId("apply-filters");
        Anchor csv = new Anchor(csvDownload(), "Export CSV");
        csv.setId("export-csv");
        csv.getElement().setAttribute("download", true);
        HorizontalLayout toolbar = new HorizontalLayout(apply, csv);
        toolbar.setDefaultVerticalComponentAlignment(Alignment.CENTER);
        if (audit.mayVerify(user)) {
            Button verify = new Button("Verify chain", VaadinIcon.CHECK_CIRCLE.create(), click -> verify());
            verify.setId("verify-chain");
            verifyResult.setId("verify-result");
            toolbar.add(verify, verifyResult);
        }
        return toolbar;
    }

    /** Streams the filtered set as CSV; the export itself is checked and recorded by the audit log. */
    private DownloadHandler csvDownload() {
        return event -> {
            AuditLog.CsvExport export = audit.export(user, query);
            event.setFileName("sluice-audit.csv");
            event.setContentType("text/csv; charset=UTF-8");
            Writer out = new OutputStreamWriter(event.getOutputStream(), StandardCharsets.UTF_8);
            export.writeTo(out);
            out.flush();
        };
    }

    private void refresh() {
        query = new AuditQuery(instant(from.getValue()), instant(to.getValue()), blank(actor.getValue()),
                blank(workspace.getValue()), blank(action.getValue()), blank(objectType.getValue()),
                blank(objectId.getValue()));
        AuditQuery current = query;
        try {
            audit.search(user, current, 0, 1);
            grid.setItems(page -> audit.search(user, current, page.getPage(), page.getPageSize()).entries().stream());
        } catch (RuntimeException refused) {
            grid.setItems();
            com.vaadin.flow.component.notification.Notification.show(refused.getMessage());
        }
    }

    private void verify() {
        AuditVerification result = audit.verify(user);
        if (result.ok()) {
            verifyResult.setText("Chain intact: " + result.entries() + " entries verified.");
            verifyResult.getElement().getThemeList().set("badge success", true);
        } else {
            verifyResult.setText("Chain broken at entry " + result.firstBad().id() + ": " + result.firstBad().reason());
            verifyResult.getElement().getThemeList().set("badge error", true);
            if (result.firstBad().entry() != null) {
                new AuditEntryDialog(result.firstBad().entry()).open();
            }
        }
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
