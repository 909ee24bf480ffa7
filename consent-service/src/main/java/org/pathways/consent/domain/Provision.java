package org.pathways.consent.domain;

import java.time.OffsetDateTime;

import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;

/** One atomic permission of a consent version: this recipient, this purpose, this category, in this period. */
public record Provision(Recipient recipient, Purpose purpose, DataCategory category, OffsetDateTime validFrom,
                        OffsetDateTime validUntil) {
}
