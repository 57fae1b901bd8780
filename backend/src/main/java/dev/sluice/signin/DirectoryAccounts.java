package dev.sluice.signin;

import java.util.Collection;

import dev.sluice.workspace.AccountOrigin;
import dev.sluice.workspace.GroupRoleRules;
import dev.sluice.workspace.Refusal;
import dev.sluice.workspace.UserProfile;

/** A directory user's account after the directory signed them in, or a sign-in refusal saying why not. */
final class DirectoryAccounts {

    private DirectoryAccounts() {
    }

    static UserProfile signedIn(GroupRoleRules rules, String username, String displayName, AccountOrigin origin,
                                Collection<String> groups) {
        try {
            return rules.signedIn(username, displayName, origin, groups);
        } catch (Refusal refused) {
            throw new DirectoryAccountRefusedException(refused.getMessage());
        }
    }

}
