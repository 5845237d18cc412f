/** The triage benchmark command: throughput, latency, start time and memory of the built-in engine. */
package dev.deskloop.triage.bench;
