package dev.sluice.base.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Locale;
import java.util.Map;

import com.vaadin.flow.component.UI;
import com.vaadin.flow.component.html.H2;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.login.LoginForm;
import com.vaadin.flow.component.sidenav.SideNav;
import com.vaadin.flow.component.sidenav.SideNavItem;
import com.vaadin.flow.component.html.Span;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.security.test.context.support.WithMockUser;

import dev.sluice.DemoDesignerTest;
import dev.sluice.connection.ConnectionSpec;
import dev.sluice.connection.WorkspaceConnections;
import dev.sluice.signin.SingleSignOn;

/** Sign-in, navigation, administration, members and connections in Simplified Chinese, once chosen. */
class ChineseViewsIT extends DemoDesignerTest {

    @Autowired
    WorkspaceConnections connections;

    /**
     * Switches to Chinese and opens {@code location}, by way of a page without the main layout, so the layout is
     * built anew as after the page reload the language menu does.
     */
    private static void openInChinese(String location) {
        UI.getCurrent().navigate("login");
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);
        UI.getCurrent().navigate(location);
    }

    @Test
    @WithMockUser(username = "admin")
    void adminSeesNavigationAndAdministrationInChinese() {
        openInChinese("admin");

        assertThat($(SideNav.class).id("workspace-nav").getItems()).extracting(SideNavItem::getLabel)
                .contains("首页", "审计日志", "系统管理");
        assertThat($(Span.class).id("current-role").getText()).isEqualTo("平台管理员");
        assertThat($(H2.class).id("admin-title").getText()).isEqualTo("系统管理");
    }

    @Test
    @WithMockUser(username = FINANCE_OWNER)
    void ownerSeesTheirMembersPageAndRoleInChinese() {
        openInChinese("workspaces/finance/members");

        assertThat($(SideNav.class).id("workspace-nav").getItems()).extracting(SideNavItem::getLabel)
                .contains("Finance 的成员");
        assertThat($(Span.class).id("current-role").getText()).isEqualTo("finance 的所有者");
        assertThat($(H2.class).id("members-title").getText()).isEqualTo("finance 的成员");
    }

    @Test
    @WithMockUser(username = "viewer")
    void aViewerSeesTheConnectionsPageInChinese() {
        // the grid shows once finance has a connection, whichever test of this context runs first
        if (connections.list(FINANCE_OWNER, "finance").stream().noneMatch(c -> c.spec().name().equals("ledger-api"))) {
            connections.create(FINANCE_OWNER, "finance", new ConnectionSpec("ledger-api", "http",
                    "https://ledger.example/api", null, null, Map.of(), null));
        }
        openInChinese("workspaces/finance/connections");

        assertThat($(H2.class).id("connections-title").getText()).isEqualTo("Finance 的连接");
        com.vaadin.flow.component.grid.Grid<?> grid = $(com.vaadin.flow.component.grid.Grid.class).id("connections-grid");
        assertThat(grid.getColumns().getFirst().getHeaderText()).isEqualTo("名称");
    }

    @Test
    void signInFormIsInChinese() {
        UI.getCurrent().setLocale(Locale.SIMPLIFIED_CHINESE);

        LoginView login = new LoginView(new DefaultListableBeanFactory().getBeanProvider(SingleSignOn.class));

        String i18n = String.valueOf($(LoginForm.class, login).single().getElement().getPropertyRaw("i18n"));
        assertThat(i18n).contains("\"title\":\"登录\"").contains("用户名或密码错误").doesNotContain("Sign in");
        assertThat($(Paragraph.class, login).single().getText()).isEqualTo("让业务系统与用户中心逐个事件保持同步。");
    }
}
