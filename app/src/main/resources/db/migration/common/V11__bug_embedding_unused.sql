-- New tickets are compared with the embeddings of a bug's linked tickets (bug_ticket.embedding); the bug's own copy
-- of its first ticket's embedding was never read.
alter table bug drop column embedding;
