package org.pathways.referral.timer;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.pathways.contracts.vocab.ReferralState;
import org.pathways.referral.domain.Referral;

/**
 * Schedules and cancels a referral's timers in the transaction that changes it (MANDATORY): the timers exist if and
 * only if the change committed. Called once per stored version of a referral: the open timers of earlier versions are
 * cancelled, and the new state's timers are scheduled (SENT: remind, escalate, expire; ON_HOLD: the review date;
 * ACCEPTED: no first contact). Call it before the audit row (the audit takes the chain lock last).
 */
@ApplicationScoped
public class TimerService {

    @Inject
    TimerRepository timers;

    @Inject
    TimerConfig config;

    private DueTimesByService dueByService;

    @PostConstruct
    void init() {
        dueByService = DueTimesByService.of(WorkingDayCalendar.uk(), config.workingDay(), config.serviceWorkingDay(), ZoneId.of(config.zone()),
                LocalTime.parse(config.reviewTime()));
    }

    /** The due times for referrals to this receiving service. */
    public DueTimes dueTimes(UUID serviceId) {
        return dueByService.forService(serviceId);
    }

    /** The referral was just stored at {@code r.version()} in state {@code r.state()}. */
    @Transactional(Transactional.TxType.MANDATORY)
    public void changed(Referral r) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        timers.cancelOpenBefore(r.id(), r.version(), now);
        ReferralState s = r.state();
        DueTimes due = dueTimes(r.toServiceId());
        if (s == ReferralState.SENT) {
            Referral.ResponseTarget t = r.responseTarget();
            if (t == null) return;
            Instant sentAt = r.sentAt() == null ? now : r.sentAt();
            for (Map.Entry<TimerKind, Instant> e : due.forSent(sentAt, t.workingDays(), t.remindBeforeDays(), t.expireAfterDays(),
                    t.division()).entrySet()) {
                timers.insert(r.id(), e.getKey(), r.version(), e.getValue(), now);
            }
        } else if (s == ReferralState.ON_HOLD && r.reviewDate() != null) {
            timers.insert(r.id(), TimerKind.ON_HOLD_REVIEW, r.version(), due.reviewAt(r.reviewDate()), now);
        } else if (s == ReferralState.ACCEPTED) {
            String division = r.responseTarget() == null ? null : r.responseTarget().division();
            timers.insert(r.id(), TimerKind.NO_FIRST_CONTACT, r.version(),
                    due.plusWorkingDays(now, config.firstContactWorkingDays(), division), now);
        }
    }
}
