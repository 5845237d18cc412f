-- Attachment metadata of a ticket's messages, as the provider describes it (never the files). message_index is the
-- message's position in ticket.document; every fetch of the ticket replaces the rows of that ticket, so a re-fetch
-- never duplicates them and they always match the stored messages.
create table ticket_attachment (
    ticket_id      uuid not null references ticket (id) on delete cascade,
    message_index  integer not null,
    file_index     integer not null,
    message_id     varchar(64),
    file_name      varchar(255) not null,
    content_type   varchar(100),
    size_bytes     bigint,
    -- Only absolute http(s) URLs are stored; null when the provider gave none or something else.
    url            varchar(2000),
    primary key (ticket_id, message_index, file_index),
    constraint ticket_attachment_size_range check (size_bytes is null or size_bytes >= 0),
    constraint ticket_attachment_indexes_range check (message_index >= 0 and file_index >= 0)
);
