/**
 * Accounts, workspaces, members and their roles, personal API tokens, and how callers are authenticated.
 * Every other module asks this one who the {@link dev.deskloop.workspace.Caller} is and what it may do.
 */
package dev.deskloop.workspace;
