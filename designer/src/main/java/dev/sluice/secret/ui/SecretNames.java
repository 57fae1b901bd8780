package dev.sluice.secret.ui;

import java.util.List;

import dev.sluice.secret.SecretInfo;
import dev.sluice.secret.SecretVault;
import dev.sluice.workspace.Refusal;

/**
 * The names of the workspace's secrets as the user may know them. Viewers may not list them, which is not the
 * same as the workspace having none: a name a flow refers to is then shown as it is, never as missing.
 *
 * @param names  the names, by name; empty when there are none or they are not known
 * @param listed whether the user may list them
 */
public record SecretNames(List<String> names, boolean listed) {

    public static SecretNames of(List<String> names) {
        return new SecretNames(List.copyOf(names), true);
    }

    public static SecretNames unlisted() {
        return new SecretNames(List.of(), false);
    }

    /** The names {@code username} may list in {@code workspace}; unlisted when the vault refuses (viewers). */
    public static SecretNames read(SecretVault vault, String username, String workspace) {
        try {
            return of(vault.list(username, workspace).stream().map(SecretInfo::name).toList());
        } catch (Refusal viewerOnly) {
            return unlisted();
        }
    }

    /** Whether {@code name} is known not to be a secret of the workspace. */
    public boolean missing(String name) {
        return listed && !names.contains(name);
    }

    /** The translation key of what to say while there is nothing to choose from, or null when there is. */
    public String emptyHintKey() {
        if (!listed) {
            return "secret.unlisted";
        }
        return names.isEmpty() ? "secret.empty" : null;
    }
}
