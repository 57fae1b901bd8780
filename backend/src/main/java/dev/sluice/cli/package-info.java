/** Sluice from the command line, without a server: checking and testing flow files kept in git. */
package dev.sluice.cli;
