/**
 * Tickets as Deskloop keeps them, and their triage: stores each fetched ticket as a triage {@code TicketDocument},
 * runs the triage engine in the {@code triage-ticket} job, and keeps every result (re-triage adds a version).
 * The adapter between the service and the plain-Java {@code triage} library.
 */
package dev.deskloop.tickets;
