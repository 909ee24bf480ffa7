package org.pathways.directory.domain;

/** Who a service is for. Most partnership services are women-only. */
public enum Gender {
    ANY, WOMEN
}
