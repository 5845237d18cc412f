/** The {@code /api/v1} endpoints for the caller's workspace, members and API tokens. */
package dev.deskloop.workspace.web;
