/** The {@code ./deskloop triage} command line: JSON documents in, triage results out. */
package dev.deskloop.triage.cli;
