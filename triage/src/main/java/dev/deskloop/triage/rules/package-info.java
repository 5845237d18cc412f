/**
 * Extraction rules of the built-in engine: repro steps, expected and actual behaviour, customer impact, the
 * customer's quote, time expressions and severity signals. Plain Java, pure functions of their inputs.
 */
package dev.deskloop.triage.rules;
