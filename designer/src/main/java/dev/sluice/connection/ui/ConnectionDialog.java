package dev.sluice.connection.ui;

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
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.select.Select;
import com.vaadin.flow.component.textfield.TextArea;
import com.vaadin.flow.component.textfield.TextField;

import dev.sluice.connection.ConnectionInfo;
import dev.sluice.connection.ConnectionSpec;
import dev.sluice.flow.FlowProblem;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.json.Json;
import dev.sluice.secret.ui.SecretChoice;
import dev.sluice.secret.ui.SecretNames;
import dev.sluice.secret.ui.TextOrSecretMap;
import dev.sluice.workspace.Refusal;

/**
 * Adds or changes a connection: its kind decides the fields (a user and a password secret for databases and
 * brokers, headers for HTTP). What the service refuses is shown next to the field it concerns, by the problem's
 * JSON path; what concerns no single field is shown above the buttons.
 */
class ConnectionDialog extends Dialog {

    static final List<String> KINDS = List.of("jdbc", "rabbitmq", "http");

    private final TextField name = new TextField();
    private final Select<String> kind = new Select<>();
    private final TextField url = new TextField();
    private final TextField username = new TextField();
    private final SecretChoice password;
    private final TextOrSecretMap headers;
    private final TextArea description = new TextArea();
    private final Span formError = new Span();
    private final Map<String, HasValidation> fields = new LinkedHashMap<>();
    private final Function<ConnectionSpec, ConnectionInfo> save;
    private final Consumer<ConnectionInfo> saved;
    private JsonNode passwordValue;
    private JsonNode headersValue;

    /**
     * @param existing the connection to change, or null to add one
     * @param save     creates or replaces the connection; throws what the service refuses
     * @param saved    told once it is stored
     */
    ConnectionDialog(ConnectionInfo existing, SecretNames secrets, Function<ConnectionSpec, ConnectionInfo> save,
                     Consumer<ConnectionInfo> saved) {
        this.save = save;
        this.saved = saved;
        ConnectionSpec spec = existing == null ? null : existing.spec();
        setId("connection-dialog");
        setHeaderTitle(existing == null ? getTranslation("connection.dialog.add")
                : getTranslation("connection.dialog.edit", spec.name()));
        setWidth("min(44rem, 95vw)");

        name.setLabel(getTranslation("connections.name"));
        name.setId("connection-name");
        name.setHelperText(getTranslation("connection.name.help"));
        name.setRequiredIndicatorVisible(true);
        kind.setLabel(getTranslation("connections.kind"));
        kind.setId("connection-kind");
        kind.setItems(KINDS);
        kind.setItemLabelGenerator(k -> getTranslation("connection.kind." + k));
        url.setLabel(getTranslation("connections.url"));
        url.setId("connection-url");
        url.setRequiredIndicatorVisible(true);
        username.setLabel(getTranslation("connection.username"));
        username.setId("connection-username");
        passwordValue = spec == null || spec.passwordSecret() == null ? null
                : Json.MAPPER.createObjectNode().put("secret", spec.passwordSecret());
        password = new SecretChoice(getTranslation("connection.password"), getTranslation("connection.password.help"),
                passwordValue, secrets, value -> passwordValue = value);
        password.setId("connection-password");
        headersValue = spec == null || spec.headers().isEmpty() ? null : spec.json().get("headers");
        headers = new TextOrSecretMap(getTranslation("connection.headers"), getTranslation("connection.headers.help"),
                headersValue, secrets, value -> headersValue = value);
        headers.setId("connection-headers");
        description.setLabel(getTranslation("connection.description"));
        description.setId("connection-description");
        description.setMaxLength(1000);
        formError.setId("connection-form-error");
        formError.addClassName("form-error");
        formError.setVisible(false);

        fields.put("name", name);
        fields.put("kind", kind);
        fields.put("url", url);
        fields.put("username", username);
        fields.put("password", password);
        fields.put("headers", headers);
        fields.put("description", description);

        if (spec != null) {
            name.setValue(spec.name());
            name.setReadOnly(true);
            url.setValue(spec.url() == null ? "" : spec.url());
            username.setValue(spec.username() == null ? "" : spec.username());
            description.setValue(spec.description() == null ? "" : spec.description());
        }
        kind.setValue(spec != null && KINDS.contains(spec.kind()) ? spec.kind() : "jdbc");
        kind.addValueChangeListener(e -> showKind());
        showKind();

        FormLayout form = new FormLayout(name, kind, url, username, password, headers, description, formError);
        form.setResponsiveSteps(new FormLayout.ResponsiveStep("0", 1), new FormLayout.ResponsiveStep("32rem", 2));
        form.setColspan(url, 2);
        form.setColspan(headers, 2);
        form.setColspan(description, 2);
        form.setColspan(formError, 2);
        add(form);

        Button saveButton = new Button(getTranslation("connection.save"), click -> save());
        saveButton.setId("connection-save");
        saveButton.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        Button cancel = new Button(getTranslation("common.cancel"), click -> close());
        cancel.setId("connection-cancel");
        getFooter().add(cancel, saveButton);
    }

    /** The fields the chosen kind takes, and its example URL. */
    private void showKind() {
        String chosen = kind.getValue();
        boolean signsIn = !"http".equals(chosen);
        username.setVisible(signsIn);
        password.setVisible(signsIn);
        headers.setVisible(!signsIn);
        url.setPlaceholder(getTranslation("connection.url.example." + chosen));
        url.setHelperText(getTranslation("connection.url.help." + chosen));
    }

    /** Stores the connection as the fields say, or shows every problem next to its field. */
    void save() {
        clearProblems();
        try {
            ConnectionInfo stored = save.apply(ConnectionSpec.read(request(), null));
            close();
            saved.accept(stored);
        } catch (InvalidFlowException invalid) {
            showProblems(invalid.problems());
        } catch (Refusal refused) {
            showProblem(refused.reason() == Refusal.Reason.CONFLICT ? "name" : "", refused.getMessage());
        }
    }

    /** The settings as the API takes them: what the chosen kind does not use is left out. */
    private ObjectNode request() {
        ObjectNode request = Json.MAPPER.createObjectNode();
        putText(request, "name", name.getValue());
        putText(request, "kind", kind.getValue());
        putText(request, "url", url.getValue());
        if (!"http".equals(kind.getValue())) {
            putText(request, "username", username.getValue());
            if (passwordValue != null) {
                request.set("password", passwordValue);
            }
        } else if (headersValue != null) {
            request.set("headers", headersValue);
        }
        putText(request, "description", description.getValue());
        return request;
    }

    private static void putText(ObjectNode request, String field, String value) {
        if (value != null && !value.isBlank()) {
            request.put(field, value.strip());
        }
    }

    private void showProblems(List<FlowProblem> problems) {
        Map<String, String> byField = new LinkedHashMap<>();
        for (FlowProblem problem : problems) {
            String field = fieldOf(problem.path());
            String message = problem.path().startsWith("$.headers.")
                    ? problem.path().substring("$.headers.".length()) + ": " + problem.message()
                    : field.isEmpty() && !problem.path().equals("$") ? problem.path() + " " + problem.message()
                    : problem.message();
            byField.merge(field, message, (a, b) -> a + "; " + b);
        }
        byField.forEach(this::showProblem);
    }

    /**
     * The field a problem's JSON path concerns: {@code $.url} → {@code url}, {@code $.password.secret} →
     * {@code password}, {@code $.headers.X-Api} → {@code headers}; none for the whole ({@code $}) or unknown paths.
     */
    static String fieldOf(String path) {
        if (path == null || !path.startsWith("$.")) {
            return "";
        }
        String first = path.substring(2).split("[.\\[]", 2)[0];
        return List.of("name", "kind", "url", "username", "password", "headers", "description").contains(first)
                ? first : "";
    }

    private void showProblem(String field, String message) {
        HasValidation target = fields.get(field);
        if (target == null || !((com.vaadin.flow.component.Component) target).isVisible()) {
            formError.setText(formError.getText().isEmpty() ? message : formError.getText() + "; " + message);
            formError.setVisible(true);
            return;
        }
        target.setErrorMessage(message);
        target.setInvalid(true);
    }

    private void clearProblems() {
        fields.values().forEach(field -> {
            field.setInvalid(false);
            field.setErrorMessage(null);
        });
        formError.setText("");
        formError.setVisible(false);
    }

    /** The problem shown next to a field ({@code url}, {@code name}…), or null. */
    String problem(String field) {
        HasValidation target = fields.get(field);
        return target != null && target.isInvalid() ? target.getErrorMessage() : null;
    }

    String formError() {
        return formError.isVisible() ? formError.getText() : null;
    }
}
