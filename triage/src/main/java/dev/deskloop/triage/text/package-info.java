/**
 * Ticket normalisation: HTML to text, quoted replies and signatures stripped, instructions to the triage system
 * removed, personal data redacted before text leaves the process. Plain Java.
 */
package dev.deskloop.triage.text;
