/**
 * {@code ./deskloop demo}: runs the Zendesk and Intercom simulators inside the service, configured for each other,
 * so that a newcomer can connect a desk and watch tickets flow without any real account. Active only in the
 * {@code demo} profile; nothing depends on this package.
 */
package dev.deskloop.demo;
