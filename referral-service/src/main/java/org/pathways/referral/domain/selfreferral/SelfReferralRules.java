package org.pathways.referral.domain.selfreferral;

import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import org.pathways.contracts.vocab.NeedCode;
import org.pathways.platform.rest.Problem;

/**
 * The rules of a self-referral (issue 15 screen 8, ADR 0089), free of the framework: what she may send, the reference she
 * is given, and the fixed-window arithmetic of the rate limits. Error messages name the field and the rule, never echo
 * what she wrote (a problem document may be logged by a proxy).
 */
public final class SelfReferralRules {

    public static final int MIN_NEEDS = 1;
    public static final int MAX_NEEDS = 10;
    public static final int MAX_WORDS = 2000;
    public static final int MAX_ALIAS = 60;
    public static final int MAX_PHONE = 30;
    public static final int MAX_EMAIL = 254;
    public static final int MAX_SAFE_TIMES = 200;

    /** How she may be contacted; a subset of the SAFE_CONTACT section's methods that need no worker or address. */
    public enum Method { PHONE_CALL, SMS, EMAIL }

    /** What she sends, as received (any field may be missing). */
    public record Request(String serviceId, String partnershipId, List<String> needs, String inHerWords, String alias,
            List<String> contactMethods, String phone, String email, String safeTimes, Boolean messageMayBeLeft) {
    }

    private static final Pattern UUID_SHAPE = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ()-]{6,30}");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]+");

    private SelfReferralRules() {
    }

    /** Every field error of the request (empty: valid). */
    public static List<Problem.FieldError> check(Request r) {
        List<Problem.FieldError> errors = new ArrayList<>();
        if (r == null) return List.of(new Problem.FieldError("body", "is required"));
        if (blank(r.serviceId())) errors.add(new Problem.FieldError("serviceId", "is required"));
        else if (!UUID_SHAPE.matcher(r.serviceId()).matches()) errors.add(new Problem.FieldError("serviceId", "must be a directory service id"));
        if (r.partnershipId() != null && !UUID_SHAPE.matcher(r.partnershipId()).matches()) {
            errors.add(new Problem.FieldError("partnershipId", "must be a partnership id"));
        }
        List<String> needs = r.needs() == null ? List.of() : r.needs();
        if (needs.size() < MIN_NEEDS || needs.size() > MAX_NEEDS) {
            errors.add(new Problem.FieldError("needs", "choose between " + MIN_NEEDS + " and " + MAX_NEEDS + " needs"));
        }
        for (String n : needs) {
            if (!isNeed(n)) {
                errors.add(new Problem.FieldError("needs", "holds a value that is not a need code of the partnership's list"));
                break;
            }
        }
        if (needs.size() != new LinkedHashSet<>(needs).size()) errors.add(new Problem.FieldError("needs", "names a need twice"));
        if (blank(r.inHerWords())) errors.add(new Problem.FieldError("inHerWords", "is required"));
        else if (r.inHerWords().length() > MAX_WORDS) errors.add(new Problem.FieldError("inHerWords", "must be at most " + MAX_WORDS + " characters"));
        if (r.alias() != null && r.alias().length() > MAX_ALIAS) errors.add(new Problem.FieldError("alias", "must be at most " + MAX_ALIAS + " characters"));
        Set<Method> methods = EnumSet.noneOf(Method.class);
        List<String> given = r.contactMethods() == null ? List.of() : r.contactMethods();
        if (given.isEmpty()) errors.add(new Problem.FieldError("contactMethods", "choose at least one way to contact you"));
        for (String m : given) {
            try {
                if (m == null) throw new IllegalArgumentException();
                methods.add(Method.valueOf(m));
            } catch (IllegalArgumentException e) {
                errors.add(new Problem.FieldError("contactMethods", "must be PHONE_CALL, SMS or EMAIL"));
                break;
            }
        }
        boolean needsPhone = methods.contains(Method.PHONE_CALL) || methods.contains(Method.SMS);
        if (needsPhone && blank(r.phone())) errors.add(new Problem.FieldError("phone", "is required to call or text you"));
        if (!blank(r.phone()) && (r.phone().length() > MAX_PHONE || !PHONE.matcher(r.phone().strip()).matches())) {
            errors.add(new Problem.FieldError("phone", "must be a phone number (digits, spaces, +, brackets)"));
        }
        if (methods.contains(Method.EMAIL) && blank(r.email())) errors.add(new Problem.FieldError("email", "is required to e-mail you"));
        if (!blank(r.email()) && (r.email().length() > MAX_EMAIL || !EMAIL.matcher(r.email().strip()).matches())) {
            errors.add(new Problem.FieldError("email", "must be an e-mail address"));
        }
        if (r.safeTimes() != null && r.safeTimes().length() > MAX_SAFE_TIMES) {
            errors.add(new Problem.FieldError("safeTimes", "must be at most " + MAX_SAFE_TIMES + " characters"));
        }
        if (r.messageMayBeLeft() == null) errors.add(new Problem.FieldError("messageMayBeLeft", "say whether a message may be left"));
        return errors;
    }

    static boolean isNeed(String code) {
        if (code == null) return false;
        try {
            NeedCode.fromCode(code);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    /** Her contact details and wishes as one text for the SAFE_CONTACT section's and the referral's instructions. */
    public static String contactInstructions(Request r) {
        StringBuilder b = new StringBuilder("She asked for help herself (self-referral).");
        if (!blank(r.alias())) b.append(" Ask for: ").append(r.alias().strip()).append('.');
        if (!blank(r.phone())) b.append(" Phone: ").append(r.phone().strip()).append('.');
        if (!blank(r.email())) b.append(" E-mail: ").append(r.email().strip()).append('.');
        if (!blank(r.safeTimes())) b.append(" Safe times: ").append(r.safeTimes().strip()).append('.');
        b.append(Boolean.TRUE.equals(r.messageMayBeLeft()) ? " A message may be left." : " Do not leave a message.");
        return b.toString();
    }

    // ------------------------------------------------------------------------------------------------------ reference

    /** Crockford-like alphabet without 0/O, 1/I/L, U: easy to read out over the phone. */
    static final String ALPHABET = "23456789ABCDEFGHJKMNPQRSTVWXYZ";
    private static final Pattern REFERENCE = Pattern.compile("SR-[" + ALPHABET + "]{4}-[" + ALPHABET + "]{4}");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A short reference like {@code SR-7KQ2-M4XD}: random (nothing derived from her or from time), 30^8 values. */
    public static String newReference() {
        StringBuilder b = new StringBuilder("SR-");
        for (int i = 0; i < 8; i++) {
            if (i == 4) b.append('-');
            b.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return b.toString();
    }

    public static boolean isReference(String s) {
        return s != null && REFERENCE.matcher(s).matches();
    }

    // --------------------------------------------------------------------------------------------------- rate windows

    /** A fixed window's decision: allowed, or refused with the seconds until the window ends (Retry-After). */
    public record Decision(boolean allowed, long retryAfterSeconds, Instant windowStart, int taken) {
    }

    /**
     * One more request in a fixed window of {@code window} starting at {@code windowStart} with {@code taken} already
     * counted: a window that has ended starts afresh at {@code now}.
     */
    public static Decision take(Instant windowStart, int taken, Instant now, Duration window, int limit) {
        if (windowStart == null || !now.isBefore(windowStart.plus(window)) || now.isBefore(windowStart)) {
            return limit >= 1 ? new Decision(true, 0, now, 1) : new Decision(false, window.toSeconds(), now, 0);
        }
        if (taken >= limit) {
            long wait = Math.max(1, Duration.between(now, windowStart.plus(window)).toSeconds());
            return new Decision(false, wait, windowStart, taken);
        }
        return new Decision(true, 0, windowStart, taken + 1);
    }
}
