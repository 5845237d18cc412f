/** HTTP doors of the bug module: {@code /api/v1/bugs} and the signed deploy webhook {@code /hooks/deploy/{workspaceId}}. */
package dev.deskloop.bug.web;
