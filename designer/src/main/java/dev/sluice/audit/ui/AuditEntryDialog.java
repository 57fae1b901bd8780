package dev.sluice.audit.ui;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.H4;
import com.vaadin.flow.component.html.Pre;
import com.vaadin.flow.component.html.Span;

import dev.sluice.audit.AuditEntry;
import dev.sluice.json.Json;

/**
 * One entry in full: every field, its hashes, and its details as JSON; for a flow save, the diff from the
 * version before is shown on its own above the rest.
 */
class AuditEntryDialog extends Dialog {

    AuditEntryDialog(AuditEntry entry) {
        setHeaderTitle(getTranslation("audit.entry.title", entry.id()));
        setId("audit-entry-dialog");
        FormLayout fields = new FormLayout();
        fields.addFormItem(new Span(AuditView.TIME.format(entry.at())), getTranslation("audit.col.time"));
        fields.addFormItem(new Span(entry.actor()), getTranslation("audit.col.actor"));
        fields.addFormItem(new Span(text(entry.workspace())), getTranslation("audit.col.workspace"));
        fields.addFormItem(new Span(entry.action()), getTranslation("audit.col.action"));
        fields.addFormItem(new Span(text(entry.objectType()) + " " + text(entry.objectId())),
                getTranslation("audit.col.object"));
        fields.addFormItem(new Span(entry.outcome()), getTranslation("audit.col.outcome"));
        fields.addFormItem(new Span(entry.prevHash()), getTranslation("audit.entry.prev-hash"));
        fields.addFormItem(new Span(entry.hash()), getTranslation("audit.entry.hash"));
        add(fields);
        JsonNode details = parse(entry.details());
        if (details != null && details.hasNonNull("diff")) {
            Pre diff = json(details.get("diff"));
            diff.setId("audit-entry-diff");
            add(new H4(getTranslation("audit.entry.diff", details.get("diff").path("from").asText(),
                    details.get("diff").path("to").asText())), diff);
        }
        Pre all = details == null ? new Pre(entry.details()) : json(details);
        all.setId("audit-entry-details");
        add(new H4(getTranslation("audit.entry.details")), all);
        Button close = new Button(getTranslation("audit.entry.close"), click -> close());
        close.setId("audit-entry-close");
        getFooter().add(close);
        setWidth("min(900px, 95vw)");
    }

    private static Pre json(JsonNode node) {
        Pre pre;
        try {
            pre = new Pre(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } catch (JsonProcessingException e) {
            pre = new Pre(node.toString());
        }
        pre.getStyle().set("max-height", "40vh").set("overflow", "auto");
        return pre;
    }

    private static JsonNode parse(String json) {
        try {
            return json == null ? null : Json.MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }
}
