/**
 * Signing in with a password, for the login form and HTTP Basic alike: local accounts and an LDAP or Active
 * Directory bind (whose users' groups set their roles by group rules), and the throttle that refuses a user or an
 * address for a while after repeated failures.
 */
package dev.sluice.signin;
