package dev.deskloop.tickets;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.UUID;

/**
 * How triage reads time in a connection's tickets, from its binding settings: the default time buffer (how much
 * time before a ticket its suggested window covers when the text names no time) and the zone set for local times
 * such as "since 9am". Implemented by the write-back module, which owns the bindings.
 */
public interface TicketTimes {

    Settings of(UUID connectionId);

    /**
     * @param buffer the default time buffer
     * @param zone   the zone set on the binding; null means automatic: the requester's own zone where the desk keeps
     *               one, else UTC
     */
    record Settings(Duration buffer, ZoneId zone) {

        /** The zone local times of {@code ticket} are read in. */
        public ZoneId zoneFor(StoredTicket ticket) {
            if (zone != null) {
                return zone;
            }
            return ticket.requesterZone() != null ? ticket.requesterZone() : ZoneOffset.UTC;
        }
    }
}
