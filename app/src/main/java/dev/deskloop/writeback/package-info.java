/**
 * Write-back: what Deskloop writes into tickets after triage and how it gets there exactly once. Binding settings
 * per connection ({@link dev.deskloop.writeback.BindingSettings}, {@link dev.deskloop.writeback.Bindings}) decide
 * what is posted; every write is an {@link dev.deskloop.writeback.Outbox} row with an idempotency key, delivered by
 * the {@code deliver-outbox} job; the ticket timeline records what happened.
 */
package dev.deskloop.writeback;
