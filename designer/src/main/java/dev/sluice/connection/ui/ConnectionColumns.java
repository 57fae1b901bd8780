package dev.sluice.connection.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.grid.GridVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;

import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.ConnectionSpec;
import dev.sluice.target.SecretRef;

/**
 * The columns of the Connections grid: name and description, kind, URL, user, the secrets it uses (by name), the
 * last change, and the actions the role may use (test; change and delete).
 */
final class ConnectionColumns {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    /** What the row buttons do: test a connection by name, open it for change, ask before deleting it. */
    record Actions(Consumer<String> test, Consumer<ConnectionInfo> edit, Consumer<String> delete) {
    }

    private final Grid<ConnectionInfo> grid;
    private final Actions actions;

    private ConnectionColumns(Grid<ConnectionInfo> grid, Actions actions) {
        this.grid = grid;
        this.actions = actions;
    }

    static void addTo(Grid<ConnectionInfo> grid, boolean mayTest, boolean mayChange, Actions actions) {
        new ConnectionColumns(grid, actions).add(mayTest, mayChange);
    }

    private void add(boolean mayTest, boolean mayChange) {
        grid.removeAllColumns();
        grid.setId("connections-grid");
        grid.addThemeVariants(GridVariant.LUMO_WRAP_CELL_CONTENT);
        grid.addComponentColumn(this::nameCell).setHeader(grid.getTranslation("connections.name"))
                .setWidth("12em").setFlexGrow(1).setComparator(info -> info.spec().name()).setSortable(true);
        grid.addColumn(info -> grid.getTranslation("connections.kind." + info.spec().kind()))
                .setHeader(grid.getTranslation("connections.kind")).setAutoWidth(true).setFlexGrow(0);
        grid.addComponentColumn(info -> {
            Span url = new Span(info.spec().url());
            url.addClassName("connection-url");
            return url;
        }).setHeader(grid.getTranslation("connections.url")).setWidth("18em").setFlexGrow(4);
        grid.addColumn(info -> info.spec().username() == null ? "—" : info.spec().username())
                .setHeader(grid.getTranslation("connections.user")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(info -> secretNames(info.spec()).isEmpty() ? "—" : String.join(", ", secretNames(info.spec())))
                .setHeader(grid.getTranslation("connections.secrets")).setAutoWidth(true).setFlexGrow(0);
        grid.addColumn(info -> grid.getTranslation("connections.changed-by", info.updatedBy(),
                        WHEN.format(info.updatedAt())))
                .setHeader(grid.getTranslation("connections.changed")).setAutoWidth(true).setFlexGrow(0);
        if (mayTest || mayChange) {
            grid.addComponentColumn(info -> actions(info, mayTest, mayChange)).setAutoWidth(true).setFlexGrow(0);
        }
        grid.setAllRowsVisible(true);
    }

    private Div nameCell(ConnectionInfo info) {
        Span name = new Span(info.spec().name());
        name.addClassName("connection-name");
        Div cell = new Div(name);
        if (info.spec().description() != null && !info.spec().description().isBlank()) {
            Span description = new Span(info.spec().description());
            description.addClassName("form-hint");
            cell.add(description);
        }
        cell.addClassName("connection-name-cell");
        return cell;
    }

    private HorizontalLayout actions(ConnectionInfo info, boolean mayTest, boolean mayChange) {
        String name = info.spec().name();
        HorizontalLayout actions = new HorizontalLayout();
        actions.setSpacing(false);
        if (mayTest) {
            Button test = new Button(grid.getTranslation("connections.test"), VaadinIcon.CONNECT.create(),
                    click -> this.actions.test().accept(name));
            test.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            test.addClassName("connection-test");
            test.getElement().setAttribute("data-connection", name);
            actions.add(test);
        }
        if (mayChange) {
            Button edit = new Button(VaadinIcon.EDIT.create(), click -> this.actions.edit().accept(info));
            edit.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL);
            edit.setAriaLabel(grid.getTranslation("connections.edit", name));
            edit.setTooltipText(grid.getTranslation("connections.edit", name));
            edit.addClassName("connection-edit");
            edit.getElement().setAttribute("data-connection", name);
            Button delete = new Button(VaadinIcon.TRASH.create(), click -> this.actions.delete().accept(name));
            delete.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_SMALL, ButtonVariant.LUMO_ERROR);
            delete.setAriaLabel(grid.getTranslation("connections.delete", name));
            delete.setTooltipText(grid.getTranslation("connections.delete", name));
            delete.addClassName("connection-delete");
            delete.getElement().setAttribute("data-connection", name);
            actions.add(edit, delete);
        }
        return actions;
    }

    private static List<String> secretNames(ConnectionSpec spec) {
        List<String> names = new ArrayList<>();
        if (spec.passwordSecret() != null) {
            names.add(spec.passwordSecret());
        }
        spec.headers().values().stream().filter(SecretRef.class::isInstance).map(v -> ((SecretRef) v).secret())
                .sorted().forEach(names::add);
        return names;
    }
}
