package dev.sluice.admin.ui;

import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.FlexLayout;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;
import org.springframework.beans.factory.ObjectProvider;

import dev.sluice.base.ui.LiveUpdates;
import dev.sluice.region.Region;
import dev.sluice.region.RegionLinkKeeper;
import dev.sluice.region.RegionLinks;
import dev.sluice.region.Regions;
import dev.sluice.workspace.WorkspaceManagement;

/**
 * The installation's regions and the links between them, for platform admins: each link's state (running, starting,
 * down), the events waiting for it in the source's home region and its last error, as the clusters' management APIs
 * reported them at the last check (every 15 s); the view follows along while open.
 */
@Route("admin/regions")
@PermitAll
class RegionsView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneId.systemDefault());

    private final Regions regions;
    private final RegionLinkKeeper keeper;
    private final Grid<RegionLinks.LinkState> links = new Grid<>();
    private final Span checked = new Span();
    private final Paragraph noLinks = new Paragraph();

    RegionsView(AuthenticationContext authentication, WorkspaceManagement management, Regions regions,
                ObjectProvider<RegionLinkKeeper> keeper, LiveUpdates live) {
        this.regions = regions;
        this.keeper = keeper.getIfAvailable();
        H2 title = new H2(getTranslation("regions.title"));
        title.setId("regions-title");
        add(title);
        if (!management.isAdmin(authentication.getPrincipalName().orElseThrow())) {
            Paragraph refused = new Paragraph(getTranslation("regions.refused"));
            refused.setId("regions-refused");
            add(refused);
            return;
        }
        if (!regions.several()) {
            Paragraph single = new Paragraph(getTranslation("regions.single", regions.here()));
            single.setId("regions-single");
            add(single);
            return;
        }
        add(new Paragraph(getTranslation("regions.intro", regions.here())), regionCards(),
                new H3(getTranslation("regions.links")), toolbar(), noLinks, links);
        noLinks.setId("regions-no-links");
        noLinks.setText(getTranslation("regions.no-links"));
        links.setId("region-links");
        links.addColumn(state -> state.link().source()).setHeader(getTranslation("regions.link.source"))
                .setAutoWidth(true);
        links.addColumn(state -> state.link().home() + " → " + state.link().region())
                .setHeader(getTranslation("regions.link.route")).setAutoWidth(true);
        links.addComponentColumn(this::stateBadge).setHeader(getTranslation("regions.link.state")).setAutoWidth(true);
        links.addComponentColumn(this::backlog).setHeader(getTranslation("regions.link.backlog")).setWidth("16em")
                .setFlexGrow(0);
        links.addColumn(state -> state.error() == null || state.error().isBlank() ? "—" : state.error())
                .setHeader(getTranslation("regions.link.error")).setFlexGrow(1);
        links.setAllRowsVisible(true);
        refresh();
        live.keepFresh(this, this::refresh);
    }

    private Component regionCards() {
        FlexLayout cards = new FlexLayout();
        cards.setFlexWrap(FlexLayout.FlexWrap.WRAP);
        cards.getStyle().set("gap", "var(--lumo-space-m)");
        for (Region region : regions.all()) {
            Div card = new Div();
            card.addClassName("region-card");
            card.getStyle().set("border", "1px solid var(--lumo-contrast-20pct)")
                    .set("border-radius", "var(--lumo-border-radius-l)").set("padding", "var(--lumo-space-m)")
                    .set("min-width", "18em");
            H3 name = new H3(region.name());
            name.getStyle().set("margin", "0");
            HorizontalLayout heading = new HorizontalLayout(name);
            heading.setAlignItems(Alignment.CENTER);
            if (region.name().equals(regions.here())) {
                Span here = new Span(getTranslation("regions.here"));
                here.getElement().getThemeList().add("badge");
                heading.add(here);
            }
            card.add(heading, line(getTranslation("regions.amqp"), region.amqpAddress()),
                    line(getTranslation("regions.management"), region.managementUri() == null ? ""
                            : region.managementUri().toString()));
            if (!region.linkable()) {
                Span unlinkable = new Span(getTranslation("regions.unlinkable"));
                unlinkable.getElement().getThemeList().add("badge error");
                card.add(unlinkable);
            }
            cards.add(card);
        }
        return cards;
    }

    private static Paragraph line(String label, String value) {
        Paragraph line = new Paragraph(label + ": " + (value.isBlank() ? "—" : value));
        line.getStyle().set("margin", "var(--lumo-space-xs) 0").set("color", "var(--lumo-secondary-text-color)");
        return line;
    }

    private Component toolbar() {
        Button check = new Button(getTranslation("regions.check-now"), VaadinIcon.REFRESH.create(), click -> {
            if (keeper != null) {
                keeper.keep();
            }
            refresh();
        });
        check.setId("regions-check-now");
        check.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        checked.setId("regions-checked");
        HorizontalLayout toolbar = new HorizontalLayout(checked, check);
        toolbar.setAlignItems(Alignment.CENTER);
        return toolbar;
    }

    private Span stateBadge(RegionLinks.LinkState state) {
        Span badge = new Span(getTranslation("regions.state." + state.state().name().toLowerCase()));
        badge.getElement().getThemeList().add(switch (state.state()) {
            case RUNNING -> "badge success";
            case STARTING -> "badge";
            case DOWN -> "badge error";
        });
        return badge;
    }

    /** The events waiting at home, as a number and a bar against the longest backlog shown. */
    private Component backlog(RegionLinks.LinkState state) {
        if (state.backlog() < 0) {
            return new Span(getTranslation("regions.backlog.unknown"));
        }
        long most = Math.max(1, keeper == null ? 1 : keeper.states().stream()
                .mapToLong(RegionLinks.LinkState::backlog).max().orElse(1));
        Div bar = new Div();
        bar.getStyle().set("height", "6px").set("border-radius", "3px").set("background",
                        state.backlog() == 0 ? "var(--lumo-success-color-50pct)" : "var(--lumo-warning-color, #f5a623)")
                .set("width", Math.max(2, 100 * state.backlog() / most) + "%");
        Div track = new Div(bar);
        track.getStyle().set("background", "var(--lumo-contrast-10pct)").set("border-radius", "3px")
                .set("width", "8em");
        HorizontalLayout cell = new HorizontalLayout(new Span(String.format("%,d", state.backlog())), track);
        cell.setAlignItems(Alignment.CENTER);
        return cell;
    }

    private void refresh() {
        List<RegionLinks.LinkState> states = keeper == null ? List.of() : keeper.states();
        links.setItems(states);
        links.setVisible(!states.isEmpty());
        noLinks.setVisible(states.isEmpty());
        checked.setText(keeper == null || keeper.checkedAt() == null ? getTranslation("regions.not-checked")
                : getTranslation("regions.checked", CLOCK.format(keeper.checkedAt())));
    }

    @Override
    public String getPageTitle() {
        return getTranslation("regions.title") + " · Sluice";
    }
}
