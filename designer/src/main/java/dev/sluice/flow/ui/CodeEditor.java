package dev.sluice.flow.ui;

import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.vaadin.flow.component.HasSize;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.Tag;
import com.vaadin.flow.component.dependency.JsModule;
import com.vaadin.flow.component.dependency.NpmPackage;
import com.vaadin.flow.component.react.ReactAdapterComponent;

/**
 * A code field with syntax highlighting (CodeMirror 6 in {@code frontend/code-editor.tsx}) for a config string whose
 * schema names its {@code contentMediaType}. The browser sends the whole text a moment after typing stops and when
 * the editor loses focus; a problem that starts {@code line L, column C:} is marked at that place in the code.
 */
@NpmPackage(value = "codemirror", version = "6.0.2")
@NpmPackage(value = "@codemirror/state", version = "6.7.6")
@NpmPackage(value = "@codemirror/view", version = "6.43.15")
@NpmPackage(value = "@codemirror/language", version = "6.13.1")
@NpmPackage(value = "@codemirror/lint", version = "6.9.8")
@NpmPackage(value = "@codemirror/lang-javascript", version = "6.2.5")
@NpmPackage(value = "@codemirror/legacy-modes", version = "6.5.5")
@JsModule("./code-editor.tsx")
@Tag("sluice-code-editor")
class CodeEditor extends ReactAdapterComponent implements HasValidation, HasSize {

    private static final Pattern POSITION = Pattern.compile("^line (\\d+), column (\\d+)");

    private final String mediaType;
    private String value = "";
    private String errorMessage;
    private boolean invalid;
    private int errorLine;
    private Consumer<String> onChange = text -> { };

    CodeEditor(String label, String mediaType) {
        this.mediaType = mediaType;
        addClassName("code-field");
        setState("label", label);
        setState("mediaType", mediaType);
        setState("value", value);
        setState("invalid", false);
        addStateChangeListener("value", String.class, this::changedInBrowser);
    }

    void setHelperText(String helper) {
        setState("helper", helper);
    }

    String getValue() {
        return value;
    }

    void setValue(String text) {
        value = text == null ? "" : text;
        setState("value", value);
    }

    void onChange(Consumer<String> listener) {
        onChange = listener;
    }

    /** What the browser sends once typing pauses; also how tests type. */
    void changedInBrowser(String text) {
        String typed = text == null ? "" : text;
        if (!typed.equals(value)) {
            value = typed;
            onChange.accept(typed);
        }
    }

    @Override
    public void setErrorMessage(String message) {
        errorMessage = message;
        setState("errorMessage", message == null ? "" : message);
        Matcher at = POSITION.matcher(message == null ? "" : message);
        boolean placed = at.find();
        errorLine = placed ? Integer.parseInt(at.group(1)) : 0;
        setState("errorLine", errorLine);
        setState("errorColumn", placed ? Integer.parseInt(at.group(2)) : 0);
    }

    @Override
    public String getErrorMessage() {
        return errorMessage;
    }

    @Override
    public void setInvalid(boolean invalid) {
        this.invalid = invalid;
        setState("invalid", invalid);
    }

    @Override
    public boolean isInvalid() {
        return invalid;
    }

    String mediaType() {
        return mediaType;
    }

    /** The line marked as wrong in the code, 0 when none. */
    int errorLine() {
        return invalid ? errorLine : 0;
    }
}
