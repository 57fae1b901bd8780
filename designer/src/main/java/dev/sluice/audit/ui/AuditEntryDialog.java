package dev.sluice.audit.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;

import dev.sluice.audit.AuditEntry;
import dev.sluice.flow.FlowJson;

/** One entry in full: every field, its hashes, and its details (for a flow save, the diff) as JSON. */
class AuditEntryDialog extends Dialog {

    AuditEntryDialog(AuditEntry entry) {
        setHeaderTitle("Audit entry " + entry.id());
        setId("audit-entry-dialog");
        FormLayout fields = new FormLayout();
        fields.addFormItem(new Span(entry.at().toString()), "Time (UTC)");
        fields.addFormItem(new Span(entry.actor()), "Actor");
        fields.addFormItem(new Span(text(entry.workspace())), "Workspace");
        fields.addFormItem(new Span(entry.action()), "Action");
        fields.addFormItem(new Span(text(entry.objectType()) + " " + text(entry.objectId())), "Object");
        fields.addFormItem(new Span(entry.outcome()), "Outcome");
        fields.addFormItem(new Span(entry.prevHash()), "Previous hash");
        fields.addFormItem(new Span(entry.hash()), "Hash");
        Pre details = new Pre(pretty(entry.details()));
        details.setId("audit-entry-details");
        details.getStyle().set("max-height", "50vh").set("overflow", "auto");
        add(fields, details);
        getFooter().add(new Button("Close", click -> close()));
        setWidth("min(900px, 95vw)");
    }

    private static String pretty(String json) {
        try {
            return FlowJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(FlowJson.MAPPER.readTree(json));
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
