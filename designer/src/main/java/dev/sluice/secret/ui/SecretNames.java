package dev.sluice.flow.ui;

import java.util.List;

/**
 * The names of the workspace's secrets as the user may know them. Viewers may not list them, which is not the
 * same as the workspace having none: a name a flow refers to is then shown as it is, never as missing.
 *
 * @param names  the names, by name; empty when there are none or they are not known
 * @param listed whether the user may list them
 */
record SecretNames(List<String> names, boolean listed) {

    static SecretNames of(List<String> names) {
        return new SecretNames(List.copyOf(names), true);
    }

    static SecretNames unlisted() {
        return new SecretNames(List.of(), false);
    }

    /** Whether {@code name} is known not to be a secret of the workspace. */
    boolean missing(String name) {
        return listed && !names.contains(name);
    }

    /** The translation key of what to say while there is nothing to choose from, or null when there is. */
    String emptyHintKey() {
        if (!listed) {
            return "secret.unlisted";
        }
        return names.isEmpty() ? "secret.empty" : null;
    }
}
