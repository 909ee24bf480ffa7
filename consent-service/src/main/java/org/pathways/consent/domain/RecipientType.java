package org.pathways.consent.domain;

/** Who a provision or an override names: one organisation, one directory service (e.g. the Partnership Connector), or the whole partnership. */
public enum RecipientType {
    ORGANISATION,
    SERVICE,
    PARTNERSHIP
}
