package dev.deskloop.simulator.zendesk;

/** A snapshot of a trigger; conditions and actions as the JSON the application sent. */
public record ZendeskTrigger(long id, String title, boolean active, String conditionsJson, String actionsJson) {
}
