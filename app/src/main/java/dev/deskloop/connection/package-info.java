/**
 * Connections between a workspace and its support desk: OAuth connect and reconnect, encrypted token storage,
 * token refresh (one at a time per connection, across instances), pause, resume and disconnect.
 */
package dev.deskloop.connection;
