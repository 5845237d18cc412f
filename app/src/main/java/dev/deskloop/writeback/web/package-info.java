/** {@code /api/v1/connections} and their binding settings. */
package dev.deskloop.writeback.web;
