package dev.sluice.flow.ui;

import com.vaadin.flow.component.Component;
import com.vaadin.flow.component.HasValidation;
import com.vaadin.flow.component.details.Details;
import com.vaadin.flow.component.html.Span;
import com.vaadin.flow.component.orderedlayout.VerticalLayout;

/** The fields of an object within a node's config, under its title; a problem of the object shows below them. */
class FieldGroup extends Details implements HasValidation {

    private final VerticalLayout fields = new VerticalLayout();
    private final Span error = new Span();
    private String errorMessage;

    FieldGroup(String label, String help, boolean opened) {
        super(label);
        fields.setPadding(false);
        fields.setSpacing(false);
        addClassName("field-group");
        error.addClassName("form-error");
        error.setVisible(false);
        if (!help.isEmpty()) {
            Span hint = new Span(help);
            hint.addClassName("form-hint");
            add(hint);
        }
        add(fields, error);
        setOpened(opened);
    }

    void addField(Component field) {
        if (field instanceof com.vaadin.flow.component.HasSize sized) {
            sized.setWidthFull();
        }
        fields.add(field);
    }

    @Override
    public void setErrorMessage(String message) {
        errorMessage = message;
        error.setText(message == null ? "" : message);
    }

    @Override
    public String getErrorMessage() {
        return errorMessage;
    }

    @Override
    public void setInvalid(boolean invalid) {
        error.setVisible(invalid);
        if (invalid) {
            setOpened(true);
        }
    }

    @Override
    public boolean isInvalid() {
        return error.isVisible();
    }
}
