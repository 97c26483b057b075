package org.spectralflow.model;

import java.util.Arrays;
import java.util.stream.Collectors;

/** Enums whose values travel as lower-case words in records and on the command line. */
public interface WireEnum {
    String wire();

    /**
     * Parses a wire word into one of the enum's values. Exact: records and the command line spell
     * values as the wire does ("tanh", not "TANH" or " tanh"), so that one value has one spelling.
     */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String word, String field) {
        if (word != null) for (E e : type.getEnumConstants()) if (e.wire().equals(word)) return e;
        boolean caseOnly = word != null && Arrays.stream(type.getEnumConstants())
                .anyMatch(e -> e.wire().equalsIgnoreCase(word.trim()));
        throw new IllegalArgumentException(field + " must be one of "
                + Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", "))
                + (caseOnly ? " (exactly, in lower case)" : "") + ", got " + Text.quote(word));
    }
}
