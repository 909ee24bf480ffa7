package org.pathways.contracts.vocab;

import java.util.Arrays;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Package-private helper shared by the vocabulary enums' {@code fromCode} methods. */
final class Codes {

    private Codes() {
    }

    static <E extends Enum<E>> E fromCode(Class<E> type, String code, Function<E, String> codeOf) {
        if (code != null) {
            for (E value : type.getEnumConstants()) {
                if (codeOf.apply(value).equals(code)) {
                    return value;
                }
            }
        }
        // The rejected input is deliberately not echoed: codes arrive from requests and events.
        throw new IllegalArgumentException("Unknown " + type.getSimpleName() + " code; valid codes are: "
                + Arrays.stream(type.getEnumConstants()).map(codeOf).collect(Collectors.joining(", ")));
    }
}
