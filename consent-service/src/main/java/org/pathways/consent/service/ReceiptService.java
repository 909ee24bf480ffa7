package org.pathways.consent.service;

import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import org.eclipse.microprofile.config.Config;
import org.pathways.consent.domain.ConsentState;
import org.pathways.consent.domain.ConsentVersion;
import org.pathways.consent.domain.Provision;
import org.pathways.consent.domain.Recipient;
import org.pathways.consent.domain.RecipientType;
import org.pathways.consent.repository.AuditRepository.Action;
import org.pathways.consent.service.ConsentService.ConsentHistory;
import org.pathways.contracts.vocab.DataCategory;
import org.pathways.contracts.vocab.Purpose;

import io.quarkus.qute.TemplateData;

/**
 * A plain-language summary of what she agreed to, for her to keep or have read to her. In discreet mode it names no
 * organisation or service marked sensitive (or not known to be safe to name) and uses neutral wording throughout: a
 * receipt found by the wrong person must not reveal that she sought help for abuse or sexual violence.
 *
 * <p>Display names come from configuration until the directory can be asked
 * ({@code pathways.consent.receipt.organisation."<id>".name} and {@code .sensitive}); an organisation without an
 * entry is never named.
 */
@ApplicationScoped
public class ReceiptService {

    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK)
            .withZone(ZoneId.of("Europe/London"));

    @Inject
    ConsentService consents;

    @Inject
    Config config;

    @TemplateData
    public record RecipientLine(String who, List<String> whatFor, List<String> what, String from, String until) {
    }

    /** Who recorded one version (issue 14): ids for the worker, a name only where the receipt may name it. */
    @TemplateData
    public record VersionLine(int version, String changeKind, String recordedOn, UUID recordedByOrganisationId,
                              UUID recordedByUserId, String recordedBy) {
    }

    @TemplateData
    public record Receipt(UUID consentId, int version, boolean discreet, String title, boolean inForce,
                          String status, List<RecipientLine> shares, String notShared, String recorded,
                          String howToChange, String lawfulBasis, List<VersionLine> versions) {
    }

    /** Audited as RECEIPT_READ (JSON, printable page, discreet or not), not as CONSENT_READ: one row per receipt. */
    @Transactional
    public Receipt receipt(UUID consentId, boolean discreet) {
        ConsentHistory h = consents.read(consentId, Action.RECEIPT_READ);
        ConsentVersion v = h.current();
        boolean inForce = v.state() == ConsentState.ACTIVE;
        Map<Recipient, List<Provision>> byRecipient = new LinkedHashMap<>();
        for (Provision p : v.provisions()) byRecipient.computeIfAbsent(p.recipient(), k -> new ArrayList<>()).add(p);
        List<RecipientLine> lines = new ArrayList<>();
        Set<DataCategory> shared = EnumSet.noneOf(DataCategory.class);
        for (var e : byRecipient.entrySet()) {
            Set<Purpose> purposes = EnumSet.noneOf(Purpose.class);
            Set<DataCategory> categories = EnumSet.noneOf(DataCategory.class);
            OffsetDateTime from = null;
            OffsetDateTime until = null;
            for (Provision p : e.getValue()) {
                purposes.add(p.purpose());
                categories.add(p.category());
                from = from == null || p.validFrom().isBefore(from) ? p.validFrom() : from;
                until = until == null || p.validUntil().isAfter(until) ? p.validUntil() : until;
            }
            shared.addAll(categories);
            lines.add(new RecipientLine(who(e.getKey(), discreet), purposes.stream().map(ReceiptService::purpose).toList(),
                    categories.stream().map(ReceiptService::category).toList(), DATE.format(from), DATE.format(until)));
        }
        Set<DataCategory> notShared = EnumSet.allOf(DataCategory.class);
        notShared.removeAll(shared);
        String status = switch (v.state()) {
            case ACTIVE -> "This is in force now.";
            case WITHDRAWN -> "You took this back on " + DATE.format(v.stateChangedAt()) + ". Nothing is shared on the strength of it any more.";
            case EXPIRED -> "This ended on " + DATE.format(v.stateChangedAt()) + ". Nothing is shared on the strength of it any more.";
            case SUPERSEDED -> "This has been replaced by a newer choice.";
        };
        String how = switch (v.obtainedMethod()) {
            case VERBAL -> "You told your worker";
            case WRITTEN -> "You signed a form";
            case ELECTRONIC -> "You agreed electronically";
        };
        String recorded = how + " on " + DATE.format(v.recordedAt()) + (v.interpreterUsed() ? ", with an interpreter" : "")
                + ". Language: " + v.language() + ".";
        return new Receipt(h.consent().id(), v.version(), discreet,
                discreet ? "Your information choices" : "What you agreed to share: your consent receipt",
                inForce, status, lines,
                notShared.isEmpty() ? null : "Not shared with anyone: "
                        + String.join("; ", notShared.stream().map(ReceiptService::category).toList()) + ".",
                recorded,
                "You can change your mind at any time, about all of this or only part of it. Tell any worker at an"
                        + " organisation that is helping you. From that moment, nobody is given what you have taken back.",
                discreet ? "Recorded with your agreement." : v.art6Basis().reference() + "; " + v.art9Condition().reference() + ".",
                h.versions().stream().map(x -> new VersionLine(x.version(), x.changeKind(), DATE.format(x.recordedAt()),
                        x.recordedByOrg(), x.recordedByUser(),
                        who(new Recipient(RecipientType.ORGANISATION, x.recordedByOrg()), discreet))).toList());
    }

    private String who(Recipient r, boolean discreet) {
        if (r.type() == RecipientType.PARTNERSHIP) {
            return discreet ? "the organisations working together to help you" : name("partnership", r.id())
                    .orElse("all the organisations in the partnership");
        }
        String kind = r.type() == RecipientType.SERVICE ? "service" : "organisation";
        var name = name(kind, r.id());
        boolean sensitive = config.getOptionalValue("pathways.consent.receipt." + kind + ".\"" + r.id() + "\".sensitive",
                Boolean.class).orElse(true);
        if (name.isEmpty() || (discreet && sensitive)) {
            return r.type() == RecipientType.SERVICE ? "a support service your worker will tell you about"
                    : "a support organisation your worker will tell you about";
        }
        return name.get();
    }

    private java.util.Optional<String> name(String kind, UUID id) {
        return config.getOptionalValue("pathways.consent.receipt." + kind + ".\"" + id + "\".name", String.class);
    }

    static String purpose(Purpose p) {
        return switch (p) {
            case REFERRAL -> "so they can offer you support when you are referred to them";
            case CASE_COORDINATION -> "so the people helping you can work together";
            case SAFEGUARDING -> "to help keep you and others safe";
            case AGGREGATE_REPORTING -> "for statistics in which nobody can be identified";
        };
    }

    static String category(DataCategory c) {
        return switch (c) {
            case IDENTITY -> "your name, date of birth and pronouns";
            case SAFE_CONTACT -> "how and when it is safe to contact you";
            case COMMUNICATION -> "your language and communication needs";
            case NEEDS -> "what you would like help with";
            case RISK -> "information about your safety";
            case CHILDREN -> "information about your children";
            case IMMIGRATION -> "your immigration situation";
            case HEALTH -> "your health";
            case HOUSING -> "your housing";
            case MONEY -> "your money and benefits";
            case STORY -> "what you have told us about your situation, in your own words";
            case GOALS -> "what you want to change";
        };
    }
}
