package dev.sluice.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.UI;
import com.vaadin.flow.dom.Element;
import com.vaadin.flow.router.HasErrorParameter;
import com.vaadin.flow.router.RouteNotFoundError;
import org.junit.jupiter.api.Test;

import dev.sluice.DemoDesignerTest;
import dev.sluice.base.ui.NotFoundView;

/**
 * Every role × every view, with objects of the caller's own workspace ({@code finance}) and of another
 * ({@code customer-service}): whether the view opens, explains a refusal, or answers "not found" (never a hint
 * that another workspace's object exists). Roles as in the REST matrix: platform admin, auditor, finance owner,
 * finance steward, finance viewer, and the customer-service steward (for whom finance is the other workspace).
 */
class ViewAuthorizationMatrixIT extends DemoDesignerTest {

    enum Outcome { OPEN, REFUSED, NOT_FOUND, ERROR }

    private static final Outcome O = Outcome.OPEN;
    private static final Outcome R = Outcome.REFUSED;
    private static final Outcome N = Outcome.NOT_FOUND;

    private static final List<String> USERS = List.of("admin", "auditor", FINANCE_OWNER, "finance", "viewer",
            "service");

    /** Location → the outcome for each of {@link #USERS}, in that order. */
    private Map<String, List<Outcome>> expected(long financeFlow, long serviceFlow) {
        Map<String, List<Outcome>> expected = new LinkedHashMap<>();
        //                                          admin auditor owner steward viewer other
        expected.put("", List.of(                    O,    O,      O,    O,      O,     O));
        expected.put("workspaces/finance", List.of(  O,    O,      O,    O,      O,     N));
        expected.put("workspaces/customer-service",
                List.of(                             O,    O,      N,    N,      N,     O));
        // auditors see every workspace, but read the audit log, not flows
        expected.put("workspaces/finance/flows",
                List.of(                             O,    R,      O,    O,      O,     N));
        expected.put("workspaces/customer-service/flows",
                List.of(                             O,    R,      N,    N,      N,     O));
        // flow content is for members only: platform users get "not found", like the REST API's refusal
        expected.put("flows/" + financeFlow, List.of(N,    N,      O,    O,      O,     N));
        expected.put("flows/" + serviceFlow, List.of(N,    N,      N,    N,      N,     O));
        expected.put("workspaces/finance/members",
                List.of(                             O,    R,      O,    R,      R,     R));
        expected.put("workspaces/customer-service/members",
                List.of(                             O,    R,      R,    R,      R,     R));
        // every member reads the workspace's connections; auditors are not members
        expected.put("workspaces/finance/connections",
                List.of(                             O,    R,      O,    O,      O,     N));
        expected.put("workspaces/customer-service/connections",
                List.of(                             O,    R,      N,    N,      N,     O));
        // the source catalog is for members and admins; auditors read the audit log instead
        expected.put("sources", List.of(             O,    R,      O,    O,      O,     O));
        expected.put("sources/user-center.users",
                List.of(                             O,    N,      O,    O,      O,     O));
        expected.put("audit", List.of(               O,    O,      O,    R,      R,     R));
        expected.put("admin", List.of(               O,    R,      R,    R,      R,     R));
        return expected;
    }

    @Test
    void eachRoleOpensOnlyTheViewsItsRoleAllows() {
        long financeFlow = demoFlow("finance", "finance", "finance-payment-sync");
        long serviceFlow = demoFlow("service", "customer-service", "customer-service-contacts");
        Map<String, List<Outcome>> expected = expected(financeFlow, serviceFlow);

        Map<String, List<Outcome>> actual = new LinkedHashMap<>();
        expected.keySet().forEach(location -> actual.put(location, new java.util.ArrayList<>()));
        for (String user : USERS) {
            signInAs(user);
            for (String location : expected.keySet()) {
                actual.get(location).add(open(location));
            }
        }

        assertThat(actual).as("rows: location; columns: " + USERS).isEqualTo(expected);
    }

    private Outcome open(String location) {
        UI.getCurrent().navigate(location);
        Component view = (Component) getCurrentView();
        if (view instanceof RouteNotFoundError || view instanceof NotFoundView) {
            return Outcome.NOT_FOUND;
        }
        if (view instanceof HasErrorParameter<?>) {
            return Outcome.ERROR;
        }
        return shownRefusal(view.getElement()) ? Outcome.REFUSED : Outcome.OPEN;
    }

    /** A visible element whose id ends in {@code -refused}: the views' way of saying why not. */
    private static boolean shownRefusal(Element element) {
        if (element.isTextNode() || !element.isVisible()) {
            return false;
        }
        String id = element.getAttribute("id");
        return id != null && id.endsWith("-refused")
                || element.getChildren().anyMatch(ViewAuthorizationMatrixIT::shownRefusal);
    }
}
