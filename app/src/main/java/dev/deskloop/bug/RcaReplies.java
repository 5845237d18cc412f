package dev.deskloop.bug;

import java.util.UUID;

/**
 * Queues the RCA of a shipped bug for one linked ticket: one public reply, plus an internal note with the change link
 * when there is one. Idempotent per connection, ticket and bug, so shipping twice or a merge repeating it posts once.
 */
interface RcaReplies {

    void enqueue(UUID workspaceId, Bug bug, LinkedTicket ticket);
}
