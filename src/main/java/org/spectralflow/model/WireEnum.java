package org.spectralflow.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Enums whose values travel as lower-case words in records and on the command line. */
public interface WireEnum {
    String wire();

    /** Parses a wire word (case-insensitive; '-' and '_' alike) into one of the enum's values. */
    static <E extends Enum<E> & WireEnum> E parse(Class<E> type, String word, String field) {
        if (word != null) {
            String w = word.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            for (E e : type.getEnumConstants()) if (e.wire().equals(w)) return e;
        }
        throw new IllegalArgumentException(field + " must be one of "
                + Arrays.stream(type.getEnumConstants()).map(WireEnum::wire).collect(Collectors.joining(", "))
                + ", got " + (word == null ? "nothing" : "'" + word + "'"));
    }
}
