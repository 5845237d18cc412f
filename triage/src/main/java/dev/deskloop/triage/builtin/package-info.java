/**
 * The built-in, offline triage engine: the trained classifiers (shipped in the jar as {@code model.bin}), the
 * service matcher and the extraction rules put together.
 */
package dev.deskloop.triage.builtin;
