package dev.sluice.flow.ui;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.formlayout.FormLayout;
import com.vaadin.flow.component.html.Anchor;
import com.vaadin.flow.component.html.Div;
import com.vaadin.flow.component.html.ListItem;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.html.UnorderedList;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import dev.sluice.eventmesh.EventMeshImported;
import dev.sluice.flow.FlowJson;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flowstore.FlowStoreException;
import dev.sluice.json.Json;

/**
 * Makes a flow from Apache EventMesh rules ({@code POST /api/flows/import/eventmesh} in the designer): workspace,
 * name, source, the filter pattern and the transformer as EventMesh writes them, and optionally a target node. A
 * problem shows next to the field its JSON path names; on success the dialog lists the import's notes (where
 * Sluice decides differently) and links to the new flow.
 */
class EventMeshImportDialog extends Dialog {

    static final List<String> TYPES = List.of("none", "original", "constant", "template");

    private final Select<String> workspace = new Select<>();
    private final TextField name = new TextField();
    private final Select<String> source = new Select<>();
    private final TextArea filter = new TextArea();
    private final Select<String> type = new Select<>();
    private final TextArea value = new TextArea();
    private final TextArea template = new TextArea();
    private final TextArea target = new TextArea();
    private final Span formError = new Span();
    private final Div outcome = new Div();
    private final Map<String, HasValidation> fields = new LinkedHashMap<>();
    private final Function<String, List<String>> sources;
    private final Function<JsonNode, EventMeshImported> importer;
    private final Consumer<EventMeshImported> imported;
    private final Button importButton;

    /**
     * @param workspaces the workspaces the user may create flows in; the first is chosen
     * @param sources    a workspace's readable sources, by name
     * @param importer   imports the request; throws what the service refuses
     * @param imported   told once the flow is stored
     */
    EventMeshImportDialog(List<String> workspaces, Function<String, List<String>> sources,
                          Function<JsonNode, EventMeshImported> importer, Consumer<EventMeshImported> imported) {
        this.sources = sources;
        this.importer = importer;
        this.imported = imported;
        setId("eventmesh-dialog");
        setHeaderTitle(getTranslation("eventmesh.title"));
        setWidth("min(48rem, 95vw)");

        workspace.setLabel(getTranslation("eventmesh.workspace"));
        workspace.setId("eventmesh-workspace");
        workspace.setItems(workspaces);
        workspace.addValueChangeListener(e -> showSources());
        name.setLabel(getTranslation("eventmesh.name"));
        name.setId("eventmesh-name");
        name.setHelperText(getTranslation("eventmesh.name.help"));
        name.setRequiredIndicatorVisible(true);
        source.setLabel(getTranslation("eventmesh.source"));
        source.setId("eventmesh-source");
        filter.setLabel(getTranslation("eventmesh.filter"));
        filter.setId("eventmesh-filter");
        filter.setHelperText(getTranslation("eventmesh.filter.help"));
        filter.setPlaceholder("{\"source\": [{\"prefix\": \"eventmesh.\"}]}");
        type.setLabel(getTranslation("eventmesh.type"));
        type.setId("eventmesh-type");
        type.setItems(TYPES);
        type.setItemLabelGenerator(t -> getTranslation("eventmesh.type." + t));
        type.setValue("none");
        type.addValueChangeListener(e -> showType());
        value.setLabel(getTranslation("eventmesh.value"));
        value.setId("eventmesh-value");
        template.setLabel(getTranslation("eventmesh.template"));
        template.setId("eventmesh-template");
        template.setPlaceholder("Transformers test:data name is ${data-name}");
        target.setLabel(getTranslation("eventmesh.target"));
        target.setId("eventmesh-target");
        target.setHelperText(getTranslation("eventmesh.target.help"));
        target.setPlaceholder("{\"kind\": \"target.http\", \"config\": {\"connection\": \"ledger\", \"path\": \"/events\"}}");
        formError.setId("eventmesh-form-error");
        formError.addClassName("form-error");
        formError.setVisible(false);
        outcome.setId("eventmesh-outcome");
        outcome.setVisible(false);

        fields.put("workspace", workspace);
        fields.put("name", name);
        fields.put("source", source);
        fields.put("filter", filter);
        fields.put("transformer.transformerType", type);
        fields.put("transformer.value", value);
        fields.put("transformer.template", template);
        fields.put("target", target);

        if (!workspaces.isEmpty()) {
            workspace.setValue(workspaces.getFirst());
        }
        showType();

        FormLayout form = new FormLayout(workspace, name, source, type, filter, value, template, target, formError,
                outcome);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32rem", 2));
        form.setColspan(source, 1);
        for (var wide : List.of(filter, value, template, target, formError, outcome)) {
            form.setColspan(wide, 2);
        }
        add(form);

        importButton = new Button(getTranslation("eventmesh.import"), click -> importRules());
        importButton.setId("eventmesh-import");
        importButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button close = new Button(getTranslation("eventmesh.close"), click -> close());
        close.setId("eventmesh-close");
        getFooter().add(close, importButton);
    }

    private void showSources() {
        List<String> readable = workspace.getValue() == null ? List.of() : sources.apply(workspace.getValue());
        source.setItems(readable);
        if (!readable.isEmpty()) {
            source.setValue(readable.getFirst());
        }
    }

    /** The fields the chosen transformer type takes. */
    private void showType() {
        String chosen = type.getValue();
        value.setVisible("constant".equals(chosen) || "template".equals(chosen));
        value.setHelperText("constant".equals(chosen) ? getTranslation("eventmesh.value.constant")
                : getTranslation("eventmesh.value.template"));
        template.setVisible("template".equals(chosen));
    }

    /** Imports the rules as the fields say, or shows every problem next to its field. */
    void importRules() {
        clearProblems();
        ObjectNode request = Json.MAPPER.createObjectNode();
        request.put("workspace", workspace.getValue());
        request.put("name", name.getValue().strip());
        request.put("source", source.getValue());
        boolean readable = putJson(request, "filter", filter);
        readable &= putJson(request, "target", target);
        if (!"none".equals(type.getValue())) {
            ObjectNode transformer = request.putObject("transformer").put("transformerType", type.getValue());
            if (value.isVisible() && !value.getValue().isBlank()) {
                transformer.put("value", value.getValue());
            }
            if (template.isVisible() && !template.getValue().isBlank()) {
                transformer.put("template", template.getValue());
            }
        }
        if (!readable) {
            return;
        }
        try {
            EventMeshImported done = importer.apply(request);
            showOutcome(done);
            imported.accept(done);
        } catch (InvalidFlowException invalid) {
            invalid.problems().forEach(this::showProblem);
        } catch (FlowStoreException refused) {
            showProblem(new FlowProblem(refused.path(), String.join("; ", Refusals.lines(refused))));
        }
    }

    /** Sets {@code field}'s JSON in the request, if any; false, with the problem at the field, if it is no JSON. */
    private boolean putJson(ObjectNode request, String field, TextArea area) {
        if (area.getValue().isBlank()) {
            return true;
        }
        try {
            request.set(field, FlowJson.parse(area.getValue()));
            return true;
        } catch (InvalidFlowException notJson) {
            area.setErrorMessage(notJson.problems().getFirst().message());
            area.setInvalid(true);
            return false;
        }
    }

    private void showOutcome(EventMeshImported done) {
        outcome.removeAll();
        Span saved = new Span(getTranslation("eventmesh.imported", done.notes().size()));
        Anchor open = new Anchor("flows/" + done.id(), getTranslation("eventmesh.open"));
        open.setId("eventmesh-open");
        // dialogs belong to the UI, not the view: left open, this one would cover the flow it opens
        open.getElement().addEventListener("click", click -> close());
        outcome.add(saved, new Span(" "), open);
        if (!done.notes().isEmpty()) {
            UnorderedList notes = new UnorderedList();
            notes.setId("eventmesh-notes");
            done.notes().forEach(note -> notes.add(new ListItem(note)));
            outcome.add(notes);
        }
        outcome.setVisible(true);
        outcome.scrollIntoView();
        importButton.setEnabled(false);
    }

    private void showProblem(FlowProblem problem) {
        String path = problem.path() == null ? "$" : problem.path();
        for (Map.Entry<String, HasValidation> field : fields.entrySet()) {
            String at = "$." + field.getKey();
            if (path.equals(at) || path.startsWith(at + ".") || path.startsWith(at + "[")) {
                String detail = path.equals(at) ? problem.message() : path.substring(at.length()) + " "
                        + problem.message();
                HasValidation target = field.getValue();
                String before = target.isInvalid() && target.getErrorMessage() != null ? target.getErrorMessage()
                        + "; " : "";
                target.setErrorMessage(before + detail);
                target.setInvalid(true);
                return;
            }
        }
        String before = formError.isVisible() ? formError.getText() + "; " : "";
        formError.setText(before + (path.equals("$") ? "" : path + " ") + problem.message());
        formError.setVisible(true);
    }

    private void clearProblems() {
        fields.values().forEach(field -> {
            field.setInvalid(false);
            field.setErrorMessage(null);
        });
        formError.setText("");
        formError.setVisible(false);
    }

    String formError() {
        return formError.isVisible() ? formError.getText() : "";
    }
}
