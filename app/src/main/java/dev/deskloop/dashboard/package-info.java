/**
 * The server-rendered dashboard (Thymeleaf, no JavaScript framework) and the API endpoints that only read other
 * modules: sign-in and setup, workspace pages, members, API tokens and the audit log.
 */
package dev.deskloop.dashboard;
