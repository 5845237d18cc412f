package dev.deskloop.tickets;

import java.time.Duration;
import java.time.ZoneId;
import java.util.UUID;

/**
 * How triage reads time in a connection's tickets, from its binding settings: the default time buffer (how much
 * time before a ticket its suggested window covers when the text names no time) and the zone for local times such
 * as "since 9am". Implemented by the write-back module, which owns the bindings.
 */
public interface TicketTimes {

    Settings of(UUID connectionId);

    /**
     * @param buffer   the default time buffer
     * @param zone     the zone set on the binding, or null for automatic
     * @param deskZone the desk's zone read when the connection was made, or null
     */
    record Settings(Duration buffer, ZoneId zone, ZoneId deskZone) {

        /** UTC as a region id, like every other zone here, so that it is stored and read back as one. */
        private static final ZoneId UTC = ZoneId.of("UTC");

        /**
         * The zone local times of {@code ticket} are read in: the binding's; else the requester's own; else the
         * desk's; else UTC.
         */
        public ZoneId zoneFor(StoredTicket ticket) {
            if (zone != null) {
                return zone;
            }
            if (ticket.requesterZone() != null) {
                return ticket.requesterZone();
            }
            return deskZone != null ? deskZone : UTC;
        }
    }
}
