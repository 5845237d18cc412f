/**
 * The simulator's own surfaces: a JSON control API under {@code /control/} (create tickets and
 * conversations as a customer, reply, inspect, configure webhooks, inject faults, read the request log)
 * and a small HTML page at {@code /} that does the same for people.
 */
package dev.deskloop.simulator.control;
