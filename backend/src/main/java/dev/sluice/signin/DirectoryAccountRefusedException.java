package dev.sluice.signin;

import org.springframework.security.authentication.AccountStatusException;

/**
 * The directory or identity provider signed someone in whom Sluice cannot take: a name another account signs in
 * with, a disabled account. The message says which, for the sign-in page.
 */
public class DirectoryAccountRefusedException extends AccountStatusException {

    DirectoryAccountRefusedException(String message) {
        super(message);
    }
}
