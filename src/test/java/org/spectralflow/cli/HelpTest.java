package org.spectralflow.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Every command's help works and tells the truth: it exits 0, its summary is a whole sentence,
 * every option is described, and a default the text states is the default the option has.
 */
class HelpTest {
    static final Pattern STATED_DEFAULT = Pattern.compile("\\(default: ([^ ;)]+)\\)");

    @Test
    void everyCommandsHelpIsCompleteAndItsDefaultsAreTrue() throws Exception {
        CommandLine top = Main.commandLine();
        assertEquals(0, CommandLineTest.run("--help").code());
        for (var e : top.getSubcommands().entrySet()) {
            String name = e.getKey();
            CommandLineTest.Run help = CommandLineTest.run(name, "--help");
            assertEquals(0, help.code(), name + " --help: " + help.err());
            assertTrue(help.out().contains("Usage: spectralflow " + name), name);
            String summary = e.getValue().getCommandSpec().usageMessage().description()[0];
            assertTrue(summary.endsWith("."), name + ": the summary the top-level help shows is cut: '" + summary + "'");
            for (OptionSpec o : e.getValue().getCommandSpec().options()) {
                String text = String.join(" ", o.description());
                assertFalse(text.isBlank(), name + " " + o.longestName() + " has no description");
                assertTrue(help.out().contains(o.longestName()), name + " help lists " + o.longestName());
                Matcher m = STATED_DEFAULT.matcher(text);
                if (!m.find() || text.contains("${DEFAULT-VALUE}") || o.initialValue() == null) continue;
                Object stated;
                try {
                    stated = o.converters().length > 0 ? o.converters()[0].convert(m.group(1)) : convert(o.type(), m.group(1));
                } catch (Exception notAValue) {
                    continue; // a phrase such as "a tenth of the cell", not a value
                }
                if (stated != null) assertEquals(o.initialValue(), stated, name + " " + o.longestName() + " says (default: " + m.group(1) + ")");
            }
        }
    }

    static Object convert(Class<?> type, String text) {
        if (type == long.class || type == Long.class) return Long.parseLong(text);
        if (type == int.class || type == Integer.class) return Integer.parseInt(text);
        if (type == double.class || type == Double.class) return Double.parseDouble(text);
        if (type == String.class) return text;
        return null;
    }
}
