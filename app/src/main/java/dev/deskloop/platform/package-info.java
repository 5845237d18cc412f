/**
 * Cross-cutting plumbing every module may use: settings, the injected clock, web error handling and log redaction.
 * Depends on no other Deskloop module.
 */
package dev.deskloop.platform;
