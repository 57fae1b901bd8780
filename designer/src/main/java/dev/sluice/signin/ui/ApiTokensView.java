package dev.sluice.signin.ui;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.H3;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;
import com.vaadin.flow.router.HasDynamicTitle;
import com.vaadin.flow.router.Route;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import dev.sluice.signin.ApiTokenSummary;
import dev.sluice.signin.ApiTokens;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.WorkspaceManagement;

/**
 * A user's personal API tokens: create one (its secret shown once, to copy), see when each was last used, revoke
 * any. Platform admins also see everyone's tokens and revoke them.
 */
@Route("tokens")
@PermitAll
class ApiTokensView extends VerticalLayout implements HasDynamicTitle {

    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());
    private static final List<Integer> LIFETIMES = List.of(30, 90, 180, 366);

    private final ApiTokens tokens;
    private final String user;
    private final boolean admin;
    private final Grid<ApiTokenSummary> mine = new Grid<>();
    private final Grid<ApiTokenSummary> everyones = new Grid<>();
    private final Paragraph empty = new Paragraph();
    private final Div created = new Div();

    ApiTokensView(AuthenticationContext authentication, ApiTokens tokens, WorkspaceManagement management) {
        this.tokens = tokens;
        this.user = authentication.getPrincipalName().orElseThrow();
        this.admin = management.isAdmin(user);
        H2 title = new H2(getTranslation("tokens.title"));
        title.setId("tokens-title");
        Paragraph explanation = new Paragraph(getTranslation("tokens.explanation"));
        explanation.addClassName("form-hint");
        created.setId("new-token");
        created.addClassName("new-token");
        created.setVisible(false);
        empty.setText(getTranslation("tokens.empty"));
        empty.setId("tokens-empty");
        empty.addClassName("empty-state");
        mine.setId("my-tokens");
        columns(mine, false);
        add(title, explanation, form(), created, empty, mine);
        if (admin) {
            everyones.setId("all-tokens");
            columns(everyones, true);
            add(new H3(getTranslation("tokens.everyone")), everyones);
        }
        refresh();
    }

    private HorizontalLayout form() {
        TextField name = new TextField(getTranslation("tokens.name"));
        name.setId("token-name");
        name.setHelperText(getTranslation("tokens.name.help"));
        name.setWidth("22rem");
        Select<Integer> lifetime = new Select<>();
        lifetime.setLabel(getTranslation("tokens.lifetime"));
        lifetime.setItems(LIFETIMES);
        lifetime.setItemLabelGenerator(days -> getTranslation("tokens.lifetime.days", days));
        lifetime.setValue(90);
        lifetime.setId("token-lifetime");
        Button create = new Button(getTranslation("tokens.create"), VaadinIcon.KEY.create(), click -> {
            name.setInvalid(false);
            try {
                ApiTokens.CreatedToken token = tokens.create(user, name.getValue(),
                        Duration.ofDays(lifetime.getValue()));
                showSecret(token);
                name.clear();
                refresh();
            } catch (Refusal refused) {
                name.setErrorMessage(refused.getMessage());
                name.setInvalid(true);
            }
        });
        create.setId("token-create");
        create.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(name, lifetime, create);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);
        return form;
    }

    private void showSecret(ApiTokens.CreatedToken token) {
        TextField secret = new TextField(getTranslation("tokens.secret", token.token().name()));
        secret.setValue(token.secret());
        secret.setReadOnly(true);
        secret.setWidthFull();
        secret.setId("new-token-secret");
        secret.setHelperText(getTranslation("tokens.secret.help"));
        created.removeAll();
        created.add(secret);
        created.setVisible(true);
        secret.focus();
    }

    private void columns(Grid<ApiTokenSummary> grid, boolean withOwner) {
        if (withOwner) {
            grid.addColumn(ApiTokenSummary::username).setHeader(getTranslation("tokens.owner")).setAutoWidth(true);
        }
        grid.addColumn(ApiTokenSummary::name).setHeader(getTranslation("tokens.name")).setAutoWidth(true);
        grid.addColumn(t -> t.hint() + "…").setHeader(getTranslation("tokens.hint")).setAutoWidth(true);
        grid.addColumn(t -> WHEN.format(t.createdAt())).setHeader(getTranslation("tokens.created")).setAutoWidth(true);
        grid.addColumn(t -> t.lastUsedAt() == null ? getTranslation("tokens.never") : WHEN.format(t.lastUsedAt()))
                .setHeader(getTranslation("tokens.last-used")).setAutoWidth(true);
        grid.addColumn(this::state).setHeader(getTranslation("tokens.state")).setAutoWidth(true);
        grid.addComponentColumn(token -> {
            Button revoke = new Button(getTranslation("tokens.revoke"), VaadinIcon.BAN.create(), click -> {
                try {
                    tokens.revoke(user, token.id());
                    Notification.show(getTranslation("tokens.revoked", token.name()))
                            .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
                    refresh();
                } catch (Refusal refused) {
                    Notification.show(refused.getMessage()).addThemeVariants(NotificationVariant.LUMO_ERROR);
                }
            });
            revoke.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            revoke.setId((withOwner ? "revoke-any-" : "revoke-") + token.id());
            revoke.setVisible(token.revokedAt() == null);
            return revoke;
        }).setHeader("");
        grid.setAllRowsVisible(true);
    }

    private String state(ApiTokenSummary token) {
        if (token.revokedAt() != null) {
            return getTranslation("tokens.state.revoked", token.revokedBy(), WHEN.format(token.revokedAt()));
        }
        if (token.expiresAt() != null && !Instant.now().isBefore(token.expiresAt())) {
            return getTranslation("tokens.state.expired", WHEN.format(token.expiresAt()));
        }
        return getTranslation("tokens.state.active", WHEN.format(token.expiresAt()));
    }

    private void refresh() {
        List<ApiTokenSummary> own = tokens.mine(user);
        mine.setItems(own);
        mine.setVisible(!own.isEmpty());
        empty.setVisible(own.isEmpty());
        if (admin) {
            everyones.setItems(tokens.all(user));
        }
    }

    @Override
    public String getPageTitle() {
        return getTranslation("tokens.title") + " · Sluice";
    }
}
