package dev.sluice.source.ui;

import java.util.Arrays;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.BeforeEnterEvent;
import com.vaadin.flow.router.BeforeEnterObserver;
import com.vaadin.flow.router.PageTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.router.RouteParameters;
import com.vaadin.flow.router.RouterLink;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import dev.sluice.privacy.SourcePrivacy;
import dev.sluice.region.Regions;
import dev.sluice.source.SourceAccess;
import dev.sluice.source.SourceStewardship;
import dev.sluice.source.SourceSummary;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.WorkspaceAccess;
import dev.sluice.workspace.WorkspaceService;

/**
 * The source catalog as the user may see it: the sources their workspaces own or subscribe to (all for admins),
 * each with how many fields carry PII tags; owners, stewards and admins register new ones here.
 */
@Route("sources")
@PageTitle("Sources · Sluice")
@PermitAll
public class SourcesView extends VerticalLayout implements BeforeEnterObserver {

    private final String username;
    private final SourceStewardship catalog;
    private final SourceAccess access;
    private final SourcePrivacy privacy;
    private final WorkspaceService workspaces;
    private final Regions regions;
    private final Grid<SourceSummary> grid = new Grid<>();

    SourcesView(AuthenticationContext authentication, SourceStewardship catalog, SourceAccess access,
                SourcePrivacy privacy, WorkspaceService workspaces, Regions regions) {
        this.regions = regions;
        this.username = authentication.getPrincipalName().orElseThrow();
        this.catalog = catalog;
        this.access = access;
        this.privacy = privacy;
        this.workspaces = workspaces;
    }

    @Override
    public void beforeEnter(BeforeEnterEvent event) {
        removeAll();
        H2 title = new H2(getTranslation("sources.title"));
        title.setId("sources-title");
        add(title);
        List<SourceSummary> visible;
        try {
            visible = catalog.summaries(username);
        } catch (Refusal refused) {
            Paragraph refusal = new Paragraph(getTranslation("sources.not-for-you"));
            refusal.setId("sources-refused");
            add(refusal);
            return;
        }
        grid.setId("source-grid");
        grid.removeAllColumns();
        grid.addComponentColumn(source -> new RouterLink(source.name(), SourceView.class,
                new RouteParameters("source", source.name()))).setHeader(getTranslation("sources.name"))
                .setAutoWidth(true);
        grid.addColumn(SourceSummary::owner).setHeader(getTranslation("sources.owner"))
                .setAutoWidth(true);
        grid.addColumn(source -> String.join(", ", source.eventTypes())).setHeader(getTranslation("sources.types"));
        if (regions.several()) {
            grid.addColumn(source -> regions.resolve(source.homeRegion())).setHeader(getTranslation("sources.home"))
                    .setAutoWidth(true);
        }
        grid.addColumn(source -> privacy.tags(source.name()).fields().size())
                .setHeader(getTranslation("sources.tagged")).setAutoWidth(true);
        grid.setItems(visible);
        grid.setAllRowsVisible(true);
        if (visible.isEmpty()) {
            add(new Paragraph(getTranslation("sources.empty")));
        } else {
            add(grid);
        }
        List<String> stewarded = stewardedWorkspaces();
        if (!stewarded.isEmpty()) {
            add(new H3(getTranslation("sources.register")), registration(stewarded));
        }
    }

    /** The names of the sources listed, in order. */
    List<String> listed() {
        return grid.getGenericDataView().getItems().map(SourceSummary::name).toList();
    }

    private List<String> stewardedWorkspaces() {
        return workspaces.profile(username).workspaces().stream().map(WorkspaceAccess::workspace)
                .filter(workspace -> access.mayRegisterIn(username, workspace)).toList();
    }

    private HorizontalLayout registration(List<String> owners) {
        TextField name = new TextField(getTranslation("sources.name"));
        name.setId("new-source-name");
        name.setHelperText(getTranslation("sources.name.helper"));
        TextField description = new TextField(getTranslation("sources.description"));
        Select<String> owner = new Select<>();
        owner.setLabel(getTranslation("sources.owner"));
        owner.setItems(owners);
        owner.setValue(owners.getFirst());
        TextField types = new TextField(getTranslation("sources.types"));
        types.setId("new-source-types");
        types.setHelperText(getTranslation("sources.types.helper"));
        Select<String> home = new Select<>();
        home.setLabel(getTranslation("sources.home"));
        home.setId("new-source-home");
        home.setItems(regions.names());
        home.setValue(regions.here());
        home.setHelperText(getTranslation("sources.home.helper"));
        home.setVisible(regions.several());
        Button register = new Button(getTranslation("sources.register.button"), click -> {
            name.setInvalid(false);
            types.setInvalid(false);
            try {
                SourceSummary created = catalog.register(username, name.getValue().strip(), description.getValue(),
                        owner.getValue(), Arrays.stream(types.getValue().split("[,\\s]+"))
                                .filter(t -> !t.isBlank()).toList(), null,
                        regions.several() ? home.getValue() : null);
                getUI().ifPresent(ui -> ui.navigate(SourceView.class,
                        new RouteParameters("source", created.name())));
            } catch (Refusal refused) {
                TextField field = refused.getMessage().contains("event type") ? types : name;
                field.setErrorMessage(refused.getMessage());
                field.setInvalid(true);
                Notification.show(refused.getMessage(), 5000, Notification.Position.MIDDLE)
                        .addThemeVariants(NotificationVariant.LUMO_ERROR);
            }
        });
        register.setId("register-source");
        register.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, description, owner, types, home, register);
        form.setWrap(true);
        form.setDefaultVerticalComponentAlignment(Alignment.BASELINE);
        return form;
    }
}
