/**
 * Zendesk and Intercom API simulators, used by tests and by {@code ./deskloop demo}.
 */
package dev.deskloop.simulator;
