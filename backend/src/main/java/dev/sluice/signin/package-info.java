/**
 * Signing in with a password, for the login form and HTTP Basic alike: the authentication provider and the
 * throttle that refuses a user or an address for a while after repeated failures.
 */
package dev.sluice.signin;
