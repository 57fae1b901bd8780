package dev.sluice.base.ui;

import java.util.Locale;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.applayout.AppLayout;
import com.vaadin.flow.component.applayout.DrawerToggle;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.router.AfterNavigationEvent;
import com.vaadin.flow.router.AfterNavigationObserver;
import com.vaadin.flow.router.Layout;
import com.vaadin.flow.server.VaadinSession;
import com.vaadin.flow.spring.security.AuthenticationContext;
import jakarta.annotation.security.PermitAll;

import dev.sluice.audit.AuditLog;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.UserProfile;
import dev.sluice.workspace.WorkspaceAccess;
import dev.sluice.workspace.WorkspaceManagement;
import dev.sluice.workspace.WorkspaceRole;
import dev.sluice.workspace.WorkspaceService;

/** Frame of every signed-in page: brand, the user's workspaces in the drawer, who is signed in, sign out. */
@Layout
@PermitAll
public class MainLayout extends AppLayout implements AfterNavigationObserver {

    private static final Locale ENGLISH = Locale.ENGLISH;
    private static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

    /** Whether the drawer was folded for a {@link NeedsWidth} view, to unfold it again when the user leaves. */
    private boolean drawerFoldedForView;

    public MainLayout(AuthenticationContext authentication, WorkspaceService workspaces, AuditLog audit,
                      WorkspaceManagement management) {
        UserProfile user = workspaces.profile(authentication.getPrincipalName().orElseThrow());

        Span brand = new Span("Sluice");
        brand.addClassName("brand");
        Span who = new Span(user.displayName());
        who.addClassName("user-name");
        who.setId("current-user");
        Span role = new Span(roleSummary(user));
        role.addClassName("user-role");
        role.setId("current-role");
        Button signOut = new Button(getTranslation("nav.sign-out"), VaadinIcon.SIGN_OUT.create(), click -> authentication.logout());
        signOut.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        signOut.setId("sign-out");

        HorizontalLayout header = new HorizontalLayout(new DrawerToggle(), brand, new Div(who, role), languages(),
                signOut);
        header.addClassName("app-header");
        header.setWidthFull();
        header.setDefaultVerticalComponentAlignment(HorizontalLayout.Alignment.CENTER);
        header.expand(header.getComponentAt(2));
        addToNavbar(header);

        SideNav nav = new SideNav();
        nav.setId("workspace-nav");
        nav.addItem(new SideNavItem(getTranslation("nav.home"), "", VaadinIcon.HOME.create()));
        SideNav workspaceNav = new SideNav(getTranslation("nav.workspaces"));
        workspaceNav.setCollapsible(true);
        for (WorkspaceAccess access : user.workspaces()) {
            SideNavItem item = new SideNavItem(access.displayName(), "workspaces/" + access.workspace(),
                    VaadinIcon.CLUSTER.create());
            item.setSuffixComponent(new Span(getTranslation("role." + access.role().name().toLowerCase())));
            workspaceNav.addItem(item);
        }
        if (user.platformRole() != PlatformRole.AUDITOR) {
            nav.addItem(new SideNavItem(getTranslation("nav.sources"), "sources", VaadinIcon.DATABASE.create()));
        }
        if (audit.mayRead(user.username())) {
            nav.addItem(new SideNavItem(getTranslation("nav.audit"), "audit", VaadinIcon.RECORDS.create()));
        }
        if (management.isAdmin(user.username())) {
            nav.addItem(new SideNavItem(getTranslation("nav.admin"), "admin", VaadinIcon.COG.create()));
            nav.addItem(new SideNavItem(getTranslation("nav.regions"), "admin/regions", VaadinIcon.GLOBE.create()));
        }
        nav.addItem(new SideNavItem(getTranslation("nav.tokens"), "tokens", VaadinIcon.KEY.create()));
        for (WorkspaceAccess access : user.workspaces()) {
            if (access.role() == WorkspaceRole.OWNER && user.platformRole() == null) {
                nav.addItem(new SideNavItem(getTranslation("nav.members", access.displayName()),
                        "workspaces/" + access.workspace() + "/members", VaadinIcon.USERS.create()));
            }
        }
        addToDrawer(nav, workspaceNav);
        setPrimarySection(Section.DRAWER);
    }

    @Override
    public void afterNavigation(AfterNavigationEvent event) {
        boolean needsWidth = getContent() instanceof NeedsWidth;
        if (needsWidth && isDrawerOpened() && !isOverlay()) {
            setDrawerOpened(false);
            drawerFoldedForView = true;
        } else if (!needsWidth && drawerFoldedForView) {
            drawerFoldedForView = false;
            if (!isOverlay()) {
                setDrawerOpened(true);
            }
        }
    }

    /** "Steward in finance, Viewer in marketing", or the platform role, in the session's language. */
    private String roleSummary(UserProfile user) {
        if (user.platformRole() != null) {
            return getTranslation("nav.role." + user.platformRole().name().toLowerCase());
        }
        if (user.workspaces().isEmpty()) {
            return getTranslation("nav.role.none");
        }
        return String.join(", ", user.workspaces().stream()
                .map(w -> getTranslation("nav.role." + w.role().name().toLowerCase() + "-in", w.workspace()))
                .toList());
    }

    /** English or Simplified Chinese for this session; the page reloads so every view renders in it. */
    private Select<Locale> languages() {
        Select<Locale> select = new Select<>();
        select.setId("language");
        select.setAriaLabel(getTranslation("nav.language"));
        select.setItems(ENGLISH, CHINESE);
        select.setItemLabelGenerator(locale -> locale.equals(CHINESE) ? "中文" : "English");
        select.setValue("zh".equals(getLocale().getLanguage()) ? CHINESE : ENGLISH);
        select.addValueChangeListener(change -> {
            if (change.isFromClient() && change.getValue() != null) {
                VaadinSession.getCurrent().setLocale(change.getValue());
                UI.getCurrent().getPage().reload();
            }
        });
        select.setWidth("7.5em");
        return select;
    }
}
