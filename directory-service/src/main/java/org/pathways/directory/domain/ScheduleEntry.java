package org.pathways.directory.domain;

import java.time.LocalTime;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A weekly opening time (HSDS schedule with freq WEEKLY). */
@Embeddable
public class ScheduleEntry {

    /** RFC 5545 BYDAY list, e.g. {@code MO,TU,WE,TH,FR}. */
    public String byday;
    @Column(name = "opens_at")
    public LocalTime opensAt;
    @Column(name = "closes_at")
    public LocalTime closesAt;
    public String description;

    public ScheduleEntry() {
    }

    public ScheduleEntry(String byday, LocalTime opensAt, LocalTime closesAt, String description) {
        this.byday = byday;
        this.opensAt = opensAt;
        this.closesAt = closesAt;
        this.description = description;
    }
}
