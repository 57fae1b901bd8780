package dev.sluice.flow.ui;

import java.util.Optional;
import java.util.function.Function;

import com.vaadin.flow.component.button.Button;
import com.vaadin.flow.component.button.ButtonVariant;
import com.vaadin.flow.component.dialog.Dialog;
import com.vaadin.flow.component.textfield.TextField;

/**
 * Asks for a flow's new name. {@code rename} tries it and answers why not, if not; the reason shows beside the field
 * and the dialog stays open.
 */
class RenameFlowDialog extends Dialog {

    RenameFlowDialog(String current, Function<String, Optional<String>> rename) {
        setId("rename-flow-dialog");
        setHeaderTitle(getTranslation("editor.rename.title"));
        TextField name = new TextField(getTranslation("editor.rename.name"));
        name.setId("rename-flow-name");
        name.setValue(current);
        name.setHelperText(getTranslation("editor.rename.rules"));
        name.setWidth("24em");
        add(name);
        Button apply = new Button(getTranslation("editor.rename.apply"), click -> rename.apply(name.getValue().strip())
                .ifPresentOrElse(why -> {
                    name.setErrorMessage(why);
                    name.setInvalid(true);
                }, this::close));
        apply.addThemeVariants(ButtonVariant.LUMO_PRIMARY);
        apply.setId("rename-flow-apply");
        Button cancel = new Button(getTranslation("editor.rename.cancel"), click -> close());
        getFooter().add(cancel, apply);
    }
}
