/** Everything Intercom: settings, OAuth (no refresh; {@code /me} identifies the workspace), uninstall. */
package dev.deskloop.helpdesk.intercom;
