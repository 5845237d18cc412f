package dev.deskloop.tickets;

import java.time.Duration;
import java.util.UUID;

/**
 * How much time before a ticket its suggested time window covers when the text names no time: the default time
 * buffer of the connection's binding settings. Implemented by the write-back module, which owns the bindings.
 */
public interface TimeBuffers {

    Duration of(UUID connectionId);
}
