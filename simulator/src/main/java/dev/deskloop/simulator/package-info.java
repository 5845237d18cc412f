/**
 * Zendesk and Intercom API simulators, used by tests and by {@code ./deskloop demo}.
 *
 * <p>{@link dev.deskloop.simulator.Simulator} is the entry point: it starts one HTTP server that
 * serves every simulated Zendesk subdomain under {@code /zendesk/{subdomain}/}, the Intercom API under
 * {@code /intercom/api/}, a JSON control API under {@code /control/} and a small page for people at
 * {@code /}. Provider packages hold the behaviour of each vendor; {@code http} holds the plumbing they share.
 */
package dev.deskloop.simulator;
