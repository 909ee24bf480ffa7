package org.pathways.directory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Collection;
import java.util.Objects;

/** A few fluent assertions on JUnit (the build has no AssertJ; this keeps tests readable without a new dependency). */
final class Expect {

    private Expect() {
    }

    static That assertThat(Object actual) {
        return new That(actual, "");
    }

    record That(Object actual, String what) {

        That as(String description) {
            return new That(actual, description + ": ");
        }

        That isEqualTo(Object expected) {
            if (actual instanceof Number a && expected instanceof Number e) {
                assertEquals(e.doubleValue(), a.doubleValue(), 1e-9, what);
            } else {
                assertEquals(expected, actual, what);
            }
            return this;
        }

        That isTrue() {
            assertTrue(Boolean.TRUE.equals(actual), what + "expected true");
            return this;
        }

        That isFalse() {
            assertTrue(Boolean.FALSE.equals(actual), what + "expected false");
            return this;
        }

        That isEmpty() {
            assertTrue(actual instanceof Collection<?> c ? c.isEmpty() : String.valueOf(actual).isEmpty(), what + "expected empty, was " + actual);
            return this;
        }

        That isGreaterThanOrEqualTo(Number n) {
            assertTrue(((Number) actual).doubleValue() >= n.doubleValue(), what + actual + " < " + n);
            return this;
        }

        That isLessThan(Number n) {
            assertTrue(((Number) actual).doubleValue() < n.doubleValue(), what + actual + " >= " + n);
            return this;
        }

        That contains(Object... items) {
            for (Object i : items) assertTrue(has(i), what + "expected " + actual + " to contain " + i);
            return this;
        }

        That doesNotContain(Object... items) {
            for (Object i : items) assertTrue(!has(i), what + "expected not to contain " + i);
            return this;
        }

        private boolean has(Object item) {
            if (actual instanceof Collection<?> c) return c.stream().anyMatch(x -> Objects.equals(x, item));
            return String.valueOf(actual).contains(String.valueOf(item));
        }
    }
}
