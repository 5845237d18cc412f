/**
 * The simulated Intercom: one app installed in one workspace, with the OAuth consent page and code
 * exchange, {@code /me}, conversations, contacts, replies and notes as an admin, custom attributes,
 * uninstall, and signed {@code notification_event} webhooks, as described in
 * {@code shared/docs/providers/INTERCOM.md}. {@link dev.deskloop.simulator.intercom.IntercomSimulator} is the handle.
 */
package dev.deskloop.simulator.intercom;
