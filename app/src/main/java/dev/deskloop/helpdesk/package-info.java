/**
 * The support-desk provider SPI and its neutral vocabulary. Each vendor is one sub-package ({@code zendesk},
 * {@code intercom}) implementing the same small ports; vendor packages never import each other, and outbound HTTP
 * failures are mapped once, in {@code http}, into {@link dev.deskloop.helpdesk.HelpdeskApiException}.
 */
package dev.deskloop.helpdesk;
