package dev.sluice.flow.ui;

import java.util.List;

import com.vaadin.flow.component.notification.Notification;
import com.vaadin.flow.component.notification.NotificationVariant;

import dev.sluice.base.ui.DeniedActions;
import dev.sluice.flow.InvalidFlowException;
import dev.sluice.flowstore.FlowStoreException;
import dev.sluice.workspace.Refusal;

/** Turns what the flow services refuse into lines people can read: never a stack trace. */
final class Refusals {

    private Refusals() {
    }

    /**
     * One line per problem, each with its JSON path. A refusal for lack of permission is also recorded in the audit
     * log, as the API records its 403s.
     */
    static List<String> lines(RuntimeException refusal) {
        if (forbidden(refusal)) {
            DeniedActions.record(refusal.getMessage());
        }
        if (refusal instanceof InvalidFlowException invalid) {
            return invalid.problems().stream().map(p -> p.path() + " " + p.message()).toList();
        }
        if (refusal instanceof FlowStoreException refused) {
            return java.util.stream.Stream.concat(java.util.stream.Stream.of(refused.getMessage()),
                    refused.details().stream().map(p -> p.path() + " " + p.message())).toList();
        }
        return List.of(String.valueOf(refusal.getMessage()));
    }

    private static boolean forbidden(RuntimeException refusal) {
        return refusal instanceof FlowStoreException store && store.reason() == FlowStoreException.Reason.FORBIDDEN
                || refusal instanceof Refusal workspace && workspace.reason() == Refusal.Reason.FORBIDDEN;
    }

    static void show(RuntimeException refusal) {
        Notification notification = Notification.show(String.join("\n", lines(refusal)), 8000,
                Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    /** A refusal already said in words, without paths. */
    static void refused(String message) {
        Notification notification = Notification.show(message, 8000, Notification.Position.MIDDLE);
        notification.addThemeVariants(NotificationVariant.LUMO_ERROR);
    }

    static void success(String message) {
        Notification notification = Notification.show(message, 4000, Notification.Position.BOTTOM_START);
        notification.addThemeVariants(NotificationVariant.LUMO_SUCCESS);
    }
}
