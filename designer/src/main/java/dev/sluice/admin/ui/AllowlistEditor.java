package dev.sluice.admin.ui;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.checkbox.Checkbox;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.Paragraph;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.icon.VaadinIcon;
import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;
import com.vaadin.flow.component.orderedlayout.HorizontalLayout;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;
import com.vaadin.flow.component.textfield.TextField;

import dev.sluice.connection.HostAllowlist;
import dev.sluice.target.HostPolicy;
import dev.sluice.workspace.Refusal;

/**
 * The hosts connections may reach, as a platform admin keeps them: entries with notes, the "only listed hosts"
 * switch, and the entries an operator set in configuration, shown but not editable here. A bad entry is marked on
 * its row when saving.
 */
class AllowlistEditor extends VerticalLayout {

    private final HostAllowlist allowlist;
    private final String user;
    private final Div configured = new Div();
    private final Div rows = new Div();
    private final HorizontalLayout header = new HorizontalLayout();
    private final List<Row> entries = new ArrayList<>();
    private final Checkbox onlyListed = new Checkbox();
    private final Span error = new Span();

    AllowlistEditor(HostAllowlist allowlist, String user) {
        this.allowlist = allowlist;
        this.user = user;
        setId("allowlist");
        setPadding(false);
        Paragraph explanation = new Paragraph(getTranslation("allowlist.explanation"));
        explanation.addClassName("form-hint");
        onlyListed.setLabel(getTranslation("allowlist.only-listed"));
        onlyListed.setId("allowlist-only-listed");
        onlyListed.setHelperText(getTranslation("allowlist.only-listed.help"));
        configured.setId("allowlist-configured");
        rows.setId("allowlist-entries");
        Span entryHeader = new Span(getTranslation("allowlist.entry"));
        entryHeader.setWidth("22rem");
        header.add(entryHeader, new Span(getTranslation("allowlist.note")));
        header.addClassName("allowlist-header");
        Button add = new Button(getTranslation("allowlist.add"), VaadinIcon.PLUS.create(), click -> addRow("", ""));
        add.setId("allowlist-add");
        add.addThemeVariants(ButtonVariant.LUMO_TERTIARY);
        Button save = new Button(getTranslation("allowlist.save"), click -> save());
        save.setId("allowlist-save");
        save.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        error.setId("allowlist-error");
        error.addClassName("form-error");
        error.setVisible(false);
        add(explanation, onlyListed, configured, header, rows, add, error, save);
        show(allowlist.read(user));
    }

    private void show(HostAllowlist.Allowlist list) {
        onlyListed.setValue(list.onlyListed());
        configured.removeAll();
        rows.removeAll();
        entries.clear();
        for (HostAllowlist.Entry entry : list.entries()) {
            if (entry.source().equals("configuration")) {
                Span fixed = new Span(entry.entry());
                fixed.addClassName("allowlist-fixed-entry");
                Span from = new Span(getTranslation("allowlist.from-configuration"));
                from.getElement().getThemeList().add("badge contrast");
                HorizontalLayout line = new HorizontalLayout(fixed, from);
                line.addClassName("allowlist-configured-entry");
                line.setDefaultVerticalComponentAlignment(Alignment.CENTER);
                configured.add(line);
            } else {
                addRow(entry.entry(), entry.note() == null ? "" : entry.note());
            }
        }
        configured.setVisible(configured.getChildren().findAny().isPresent());
        header.setVisible(!entries.isEmpty());
    }

    /** Adds an editable entry, as the add button does. */
    Row addRow(String entry, String note) {
        Row row = new Row(entry, note);
        entries.add(row);
        rows.add(row);
        header.setVisible(true);
        return row;
    }

    List<Row> rows() {
        return List.copyOf(entries);
    }

    /** Replaces the admin-kept entries and the switch; on a refusal every bad entry is marked on its row. */
    void save() {
        error.setVisible(false);
        entries.forEach(row -> row.entry.setInvalid(false));
        Map<String, String> wanted = new LinkedHashMap<>();
        for (Row row : entries) {
            if (!row.entry.getValue().isBlank()) {
                wanted.put(row.entry.getValue().strip(), row.note.getValue().isBlank() ? null : row.note.getValue());
            }
        }
        try {
            show(allowlist.replace(user, wanted, onlyListed.getValue()));
            Notification.show(getTranslation("allowlist.saved"), 4000, Notification.Position.BOTTOM_START)
                    .addThemeVariants(NotificationVariant.LUMO_SUCCESS);
        } catch (Refusal refused) {
            entries.forEach(Row::markIfInvalid);
            error.setText(getTranslation("allowlist.refused", refused.getMessage()));
            error.setVisible(true);
        }
    }

    String error() {
        return error.isVisible() ? error.getText() : null;
    }

    boolean onlyListed() {
        return onlyListed.getValue();
    }

    /** One entry a platform admin keeps: the host, CIDR or domain, why it is there, and a remove button. */
    final class Row extends HorizontalLayout {

        private final TextField entry = new TextField();
        private final TextField note = new TextField();

        private Row(String value, String why) {
            addClassName("allowlist-row");
            setDefaultVerticalComponentAlignment(Alignment.START);
            entry.setValue(value);
            entry.addClassName("allowlist-entry");
            entry.setPlaceholder(getTranslation("allowlist.entry.example"));
            entry.setAriaLabel(getTranslation("allowlist.entry"));
            entry.setWidth("22rem");
            note.setValue(why);
            note.addClassName("allowlist-note");
            note.setPlaceholder(getTranslation("allowlist.note"));
            note.setAriaLabel(getTranslation("allowlist.note"));
            note.setWidth("26rem");
            Button remove = new Button(VaadinIcon.CLOSE_SMALL.create(), click -> {
                entries.remove(this);
                rows.remove(this);
                header.setVisible(!entries.isEmpty());
            });
            remove.addThemeVariants(ButtonVariant.LUMO_TERTIARY, ButtonVariant.LUMO_ERROR);
            remove.setAriaLabel(getTranslation("allowlist.remove", value));
            add(entry, note, remove);
        }

        void set(String value, String why) {
            entry.setValue(value);
            note.setValue(why);
        }

        /** Marks the entry when it does not parse on its own: the service named it among the bad ones. */
        private void markIfInvalid() {
            if (entry.getValue().isBlank()) {
                return;
            }
            try {
                HostPolicy.of(List.of(entry.getValue().strip()), false);
            } catch (IllegalArgumentException bad) {
                entry.setErrorMessage(bad.getMessage());
                entry.setInvalid(true);
            }
        }

        String problem() {
            return entry.isInvalid() ? entry.getErrorMessage() : null;
        }
    }
}
