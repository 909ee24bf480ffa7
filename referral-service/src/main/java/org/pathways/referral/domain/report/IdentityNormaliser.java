package org.pathways.referral.domain.report;

import java.text.Normalizer;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Turns identity fields into the canonical text that is hashed (never stored) for counting unduplicated people.
 *
 * <p>Method: the name is decomposed (NFKD), accents and other combining marks dropped, case folded, every run of
 * non-letters turned into one space, and the words sorted so that "Khan, Aisha" and "AISHA KHAN" agree; the date of
 * birth is appended in ISO form. Without a name or a date of birth there is nothing safe to match on, so no key is made
 * and she counts as one person on her own.
 *
 * <p>Error modes (documented in docs/reports.md): a changed or differently spelt name, or a mistyped date of birth,
 * splits one woman into two (over-count); two women with the same name words and date of birth are counted once
 * (under-count, rare); a name written in two scripts does not match.
 */
public final class IdentityNormaliser {

    private IdentityNormaliser() {
    }

    public static Optional<String> canonical(String name, LocalDate dateOfBirth) {
        if (name == null || dateOfBirth == null) {
            return Optional.empty();
        }
        String folded = Normalizer.normalize(name, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "")
                .toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}]+", " ")
                .trim();
        if (folded.isEmpty()) {
            return Optional.empty();
        }
        String words = Arrays.stream(folded.split(" ")).sorted().collect(Collectors.joining(" "));
        return Optional.of(words + "|" + dateOfBirth);
    }
}
