package org.spectralflow.report;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.spectralflow.dashboard.Chromium;

/**
 * A sweep's report in a real browser: the packaged jar runs a sweep, headless Chromium opens its
 * report.html from disk (no server, no network) and every chart must be drawn from the page's
 * data with the series the data holds, a legend click must hide a series, no script may fail; a
 * screenshot lands in target/.
 */
class ReportBrowserIT {
    @Test
    void everyChartIsDrawnAndInteractive() throws Exception {
        Path jar = Path.of(System.getProperty("spectralflow.fullJar", "target/spectralflow.jar")).toAbsolutePath();
        Path out = Files.createTempDirectory(Path.of("target"), "report-it");
        Process sweep = new ProcessBuilder("java", "-jar", jar.toString(), "sweep", "--sweep", "rb", "--n", "16,32", "--trials", "8",
                "--precision", "both", "--out", out.toString(), "--quiet").redirectErrorStream(true)
                .redirectOutput(out.resolve("sweep.log").toFile()).start();
        assertTrue(sweep.waitFor(5, TimeUnit.MINUTES), "sweep finished");
        assertEquals(0, sweep.exitValue(), Files.readString(out.resolve("sweep.log")));
        Path report = out.resolve("rb").resolve("report.html").toAbsolutePath();
        try (Chromium browser = new Chromium(Files.createTempDirectory("chromium-report"))) {
            browser.navigate(report.toUri().toString());
            long deadline = System.currentTimeMillis() + 30_000;
            while (System.currentTimeMillis() < deadline && !browser.eval("document.body && document.body.hasAttribute('data-charts-drawn')").asBoolean())
                Thread.sleep(100);
            int figures = browser.eval("document.querySelectorAll('figure').length").asInt();
            assertTrue(figures >= 10, figures + " figures");
            assertEquals(figures, browser.eval("Number(document.body.getAttribute('data-charts-drawn'))").asInt(), "every chart drawn");
            JsonNode counts = browser.eval("Array.from(document.querySelectorAll('figure')).map(f => { const s = f.querySelector('svg.interactive');"
                    + " const d = JSON.parse(document.getElementById('chart-data').textContent).find(c => c.name === f.id);"
                    + " return [f.id, Number(s.getAttribute('data-series')), d.series.length,"
                    + " s.querySelectorAll('path.series, circle.pt').length > 0, s.querySelectorAll('.legend-item').length] })");
            for (JsonNode c : counts) {
                assertEquals(c.get(2).asInt(), c.get(1).asInt(), c.get(0).asText() + ": series drawn = series in the data");
                assertTrue(c.get(3).asBoolean(), c.get(0).asText() + " has drawn lines or points");
                assertTrue(c.get(4).asInt() > 0, c.get(0).asText() + " has a legend");
            }
            // a legend click hides its series (fewer paths), a second shows it again
            String paths = "document.querySelector('#gamma svg.interactive').querySelectorAll('path.series').length";
            int before = browser.eval(paths).asInt();
            browser.eval("document.querySelector('#gamma svg.interactive .legend-item').dispatchEvent(new MouseEvent('click'))");
            assertTrue(browser.eval(paths).asInt() < before, "hidden");
            browser.eval("document.querySelector('#gamma svg.interactive .legend-item').dispatchEvent(new MouseEvent('click'))");
            assertEquals(before, browser.eval(paths).asInt(), "shown again");
            assertEquals(0, browser.eval("performance.getEntriesByType('resource').filter(r => !r.name.startsWith('file:')).length")
                    .asInt(), "nothing loaded from the network");
            browser.screenshot(Path.of("target", "report.png"));
            assertEquals(List.of(), browser.errors(), "no console errors or exceptions");
        }
    }
}
