package dev.deskloop.triage;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * What the engine needs to know about the workspace besides the ticket.
 *
 * @param catalog the services a ticket can be attributed to
 * @param defaultBuffer how much time before the ticket to search when the text names no time (2 hours by default)
 * @param zone the zone in which local times such as "since 9am" are read (UTC by default)
 */
public record TriageContext(ServiceCatalog catalog, Duration defaultBuffer, ZoneId zone) {

    /** The default time buffer of the binding settings. */
    public static final Duration DEFAULT_BUFFER = Duration.ofHours(2);

    public TriageContext {
        catalog = catalog == null ? ServiceCatalog.empty() : catalog;
        defaultBuffer = defaultBuffer == null ? DEFAULT_BUFFER : defaultBuffer;
        zone = zone == null ? ZoneOffset.UTC : zone;
        if (defaultBuffer.isNegative()) {
            throw new IllegalArgumentException("default buffer is negative: " + defaultBuffer);
        }
    }

    /** A context with this catalog, the 2-hour buffer and UTC. */
    public static TriageContext of(ServiceCatalog catalog) {
        return new TriageContext(catalog, DEFAULT_BUFFER, ZoneOffset.UTC);
    }

    /** The same context read in another zone. */
    public TriageContext withZone(ZoneId newZone) {
        return new TriageContext(catalog, defaultBuffer, Objects.requireNonNull(newZone));
    }
}
