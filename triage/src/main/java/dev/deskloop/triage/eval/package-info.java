/**
 * Evaluation and training tools of the triage module: {@code ./deskloop eval} (NLBSE'24 and the labelled SaaS
 * tickets) and the build-time trainer of the built-in model. Reads JSON and CSV; not used by the engine at run time.
 */
package dev.deskloop.triage.eval;
