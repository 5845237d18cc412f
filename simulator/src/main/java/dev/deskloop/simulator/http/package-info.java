/**
 * HTTP plumbing shared by the simulated providers: request and reply values, routing, JSON and HTML
 * helpers, rate-limit windows and the asynchronous webhook delivery queue. Internal to the simulator.
 */
package dev.deskloop.simulator.http;
