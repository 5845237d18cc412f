/** The OAuth callback endpoints that providers send the browser back to. */
package dev.deskloop.connection.web;
