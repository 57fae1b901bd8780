/** Sign-in for the browser: the Vaadin login view and the security chain for everything outside the API. */
package dev.sluice.security;
