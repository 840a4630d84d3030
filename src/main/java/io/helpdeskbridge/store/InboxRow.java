package io.helpdeskbridge.store;

import java.time.Instant;

/** One stored delivery and what became of it. */
public record InboxRow(
    long id,
    String source,
    String eventId,
    String vendorType,
    String orderKey,
    String headersJson,
    String body,
    InboxStatus status,
    int attempts,
    int duplicates,
    String outcome,
    String lastError,
    Instant receivedAt,
    Instant firstAttemptAt,
    Instant lastAttemptAt,
    Instant finishedAt,
    /** When a waiting row is due again; null for a fresh one. */
    Instant nextAttemptAt) {}
