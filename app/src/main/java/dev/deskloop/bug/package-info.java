/**
 * Bugs (F6): groups bug tickets that report the same problem (same affected service, similar MiniLM embedding of
 * subject, actual behaviour and the customer's words) under one bug, lets people merge and split, and closes the
 * loop: when a bug's fix ships (dashboard, API or a signed deploy webhook), every linked ticket gets exactly one
 * public RCA reply through the write-back outbox. Nothing but the dashboard depends on this module.
 */
package dev.deskloop.bug;
