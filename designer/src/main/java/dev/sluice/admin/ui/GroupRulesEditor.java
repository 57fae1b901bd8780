package dev.sluice.admin.ui;

import java.util.List;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.grid.Grid;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.FlexComponent;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextField;

import dev.sluice.workspace.GroupRoleRules;
import dev.sluice.workspace.GroupRule;
import dev.sluice.workspace.PlatformRole;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.WorkspaceAccess;
import dev.sluice.workspace.WorkspaceRole;

/**
 * The group rules a platform admin keeps: which directory group gives which role, added with a small form and
 * removed per row. The roles they give show at each directory user's next sign-in.
 */
class GroupRulesEditor extends VerticalLayout {

    /** What a rule grants: a workspace role, or a platform role. */
    private enum Grants { WORKSPACE, PLATFORM }

    private final GroupRoleRules rules;
    private final String user;
    private final Grid<GroupRule> grid = new Grid<>();
    private final Paragraph empty = new Paragraph();
    private final TextField group = new TextField();
    private final Select<Grants> grants = new Select<>();
    private final Select<String> workspace = new Select<>();
    private final Select<WorkspaceRole> workspaceRole = new Select<>();
    private final Select<PlatformRole> platformRole = new Select<>();

    GroupRulesEditor(GroupRoleRules rules, String user, List<WorkspaceAccess> workspaces) {
        this.rules = rules;
        this.user = user;
        setId("group-rules");
        setPadding(false);
        Paragraph explanation = new Paragraph(getTranslation("group-rules.explanation"));
        explanation.addClassName("form-hint");

        group.setLabel(getTranslation("group-rules.group"));
        group.setHelperText(getTranslation("group-rules.group.help"));
        group.setId("group-rule-group");
        group.setWidth("20rem");
        grants.setLabel(getTranslation("group-rules.grants"));
        grants.setItems(Grants.values());
        grants.setItemLabelGenerator(g -> getTranslation("group-rules.grants." + g.name().toLowerCase()));
        grants.setValue(Grants.WORKSPACE);
        grants.setId("group-rule-grants");
        workspace.setLabel(getTranslation("group-rules.workspace"));
        workspace.setItems(workspaces.stream().map(WorkspaceAccess::workspace).toList());
        workspace.setId("group-rule-workspace");
        workspaceRole.setLabel(getTranslation("group-rules.role"));
        workspaceRole.setItems(WorkspaceRole.values());
        workspaceRole.setItemLabelGenerator(r -> getTranslation("role." + r.name().toLowerCase()));
        workspaceRole.setValue(WorkspaceRole.VIEWER);
        workspaceRole.setId("group-rule-role");
        platformRole.setLabel(getTranslation("group-rules.role"));
        platformRole.setItems(PlatformRole.values());
        platformRole.setItemLabelGenerator(r -> getTranslation("admin.platform-role." + r.name().toLowerCase()));
        platformRole.setValue(PlatformRole.AUDITOR);
        platformRole.setId("group-rule-platform-role");
        grants.addValueChangeListener(change -> showRoleFields());
        showRoleFields();
        Button add = new Button(getTranslation("group-rules.add"), VaadinIcon.PLUS.create(), click -> add());
        add.setId("group-rule-add");
        add.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        HorizontalLayout form = new HorizontalLayout(group, grants, workspace, workspaceRole, platformRole, add);
        form.setDefaultVerticalComponentAlignment(FlexComponent.Alignment.BASELINE);

        grid.setId("group-rules-grid");
        grid.addColumn(GroupRule::group).setHeader(getTranslation("group-rules.group")).setAutoWidth(true);
        grid.addColumn(this::grantsText).setHeader(getTranslation("group-rules.grants")).setAutoWidth(true);
        grid.addColumn(GroupRule::createdBy).setHeader(getTranslation("group-rules.created-by"));
        grid.addComponentColumn(rule -> {
            Button remove = new Button(getTranslation("group-rules.remove"), VaadinIcon.TRASH.create(),
                    click -> act(() -> rules.remove(user, rule.id()), getTranslation("group-rules.removed")));
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setId("group-rule-remove-" + rule.id());
            return remove;
        }).setHeader("");
        grid.setAllRowsVisible(true);
        empty.setText(getTranslation("group-rules.empty"));
        empty.setId("group-rules-empty");
        empty.addClassName("empty-state");
        add(explanation, form, empty, grid);
        refresh();
    }

    private void showRoleFields() {
        boolean inWorkspace = grants.getValue() == Grants.WORKSPACE;
        workspace.setVisible(inWorkspace);
        workspaceRole.setVisible(inWorkspace);
        platformRole.setVisible(!inWorkspace);
    }

    private void add() {
        group.setInvalid(false);
        workspace.setInvalid(false);
        if (group.getValue().isBlank()) {
            group.setErrorMessage(getTranslation("group-rules.group.required"));
            group.setInvalid(true);
            return;
        }
        if (grants.getValue() == Grants.WORKSPACE && workspace.getValue() == null) {
            workspace.setErrorMessage(getTranslation("group-rules.workspace.required"));
            workspace.setInvalid(true);
            return;
        }
        act(() -> {
            if (grants.getValue() == Grants.WORKSPACE) {
                rules.grantWorkspaceRole(user, group.getValue(), workspace.getValue(), workspaceRole.getValue());
            } else {
                rules.grantPlatformRole(user, group.getValue(), platformRole.getValue());
            }
            group.clear();
        }, getTranslation("group-rules.added"));
    }

    private String grantsText(GroupRule rule) {
        return rule.platformRole() != null
                ? getTranslation("nav.role." + rule.platformRole().name().toLowerCase())
                : getTranslation("nav.role." + rule.workspaceRole().name().toLowerCase() + "-in", rule.workspace());
    }

    private void act(Runnable change, String done) {
        try {
            change.run();
            Notification.show(done).addThemeVariants(NotificationVariant.LUMO_SUCCESS);
            refresh();
        } catch (Refusal refused) {
            group.setErrorMessage(refused.getMessage());
            group.setInvalid(true);
        }
    }

    private void refresh() {
        List<GroupRule> current = rules.rules(user);
        grid.setItems(current);
        grid.setVisible(!current.isEmpty());
        empty.setVisible(current.isEmpty());
    }
}
