/**
 * The triage engine: turns a support ticket into a structured {@code Triage} (category, severity and the
 * facts engineers need). Plain Java; no Spring, JDBC, HTTP or JSON types in the model and rules.
 */
package dev.deskloop.triage;
