package org.spectralflow.cli;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/** Durations on the command line as a number and a unit: 500ms, 30s, 15m, 24h, 7d (0 alone means none). */
final class DurationConverter implements CommandLine.ITypeConverter<Long> {
    private static final Pattern FORM = Pattern.compile("(\\d{1,12})(ms|s|m|h|d)?");

    /** The duration in milliseconds. */
    @Override
    public Long convert(String text) {
        Matcher m = FORM.matcher(text.trim());
        if (!m.matches()) throw new CommandLine.TypeConversionException("'" + text + "' is not a duration such as 30s, 15m, 24h or 7d");
        long v = Long.parseLong(m.group(1));
        String unit = m.group(2);
        if (unit == null && v != 0) throw new CommandLine.TypeConversionException("'" + text + "' needs a unit: ms, s, m, h or d");
        long scale = unit == null ? 0 : switch (unit) {
            case "ms" -> 1L;
            case "s" -> 1000L;
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
        return Math.multiplyExact(v, scale);
    }
}
