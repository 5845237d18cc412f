package dev.deskloop.simulator.intercom;

import java.time.Instant;

/**
 * One conversation part as stored by the simulator.
 *
 * @param partType       {@code comment} or {@code note}
 * @param authorType     {@code user} or {@code admin}
 * @param appPackageCode set when written through the API by the app, null otherwise
 */
public record IntercomPart(String id, String partType, String body, String authorType, String authorId, String appPackageCode,
                           Instant createdAt) {

    public boolean isNote() {
        return "note".equals(partType);
    }
}
