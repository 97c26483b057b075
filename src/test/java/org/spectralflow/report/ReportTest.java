package org.spectralflow.report;

import static org.junit.jupiter.api.Assertions.*;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.spectralflow.codec.GridCodec;
import org.spectralflow.codec.Json;
import org.spectralflow.codec.StatsCodec;
import org.spectralflow.job.Defaults;
import org.spectralflow.job.SweepJobConfig;
import org.spectralflow.kafka.EmbeddedKafka;
import org.spectralflow.model.Activation;
import org.spectralflow.model.CellAggregate;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.SweepGrid;
import org.spectralflow.run.SweepRunner;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** The report of a real small sweep: images that decode at their size, a page that parses, numbers that are the stats. */
class ReportTest {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).setConfiguration(Defaults.localFlinkConfiguration()).build());

    @TempDir
    Path runs;

    @Test
    void theReportOfARealSweepIsCompleteAndTrue() throws Exception {
        SweepGrid g = new SweepGrid("rep", 3L, List.of(Ensemble.GAUSSIAN), List.of(16), Scaling.RADIUS, List.of(0.8, 1.0, 1.2),
                List.of(Activation.LINEAR, Activation.TANH), List.of(Precision.BOTH), 4, 60, 1e-6, 1, 0, 1e6, 0.05, false, 5_000);
        List<CellAggregate> finals;
        try (EmbeddedKafka kafka = EmbeddedKafka.start()) {
            SweepJobConfig cfg = SweepJobConfig.defaults(kafka.bootstrapServers()).withParallelism(2);
            finals = SweepRunner.run(g, cfg, StreamExecutionEnvironment.getExecutionEnvironment(Defaults.localFlinkConfiguration()), 2, null).finals();
        }
        assertEquals(g.cells(), finals.size());
        Path dir = runs.resolve("rep");
        StatsFiles.write(dir, finals);
        Files.writeString(dir.resolve("sweep.json"), Json.pretty(GridCodec.encode(g)));
        List<Report.Plot> plots = Report.write(dir, StatsFiles.read(dir), GridCodec.decode(Files.readAllBytes(dir.resolve("sweep.json"))));

        assertEquals(10, plots.size(), "fractions ×3, γ, tanh vs linear, underflow, forgetting, eigenvalues, growth, separation");
        for (Report.Plot p : plots) {
            BufferedImage img = ImageIO.read(dir.resolve(p.name() + ".png").toFile());
            assertNotNull(img, p.name());
            assertEquals((int) (p.width() * 150 / 72.0), img.getWidth(), p.name() + ": 150 dpi");
            assertEquals((int) (p.height() * 150 / 72.0), img.getHeight(), p.name());
            Path svgFile = dir.resolve(p.name() + ".svg");
            if (Files.exists(svgFile)) { // kept only where small
                assertTrue(Files.size(svgFile) <= Charts.MAX_SVG_BYTES, p.name());
                Document svg = xml(svgFile);
                assertEquals("svg", svg.getDocumentElement().getLocalName() == null ? svg.getDocumentElement().getTagName()
                        : svg.getDocumentElement().getLocalName());
            }
        }

        Document html = xml(dir.resolve("report.html"));
        NodeList imgs = html.getElementsByTagName("img"), links = html.getElementsByTagName("a");
        assertEquals(plots.size(), imgs.getLength());
        for (int i = 0; i < imgs.getLength(); i++)
            assertTrue(Files.exists(dir.resolve(((Element) imgs.item(i)).getAttribute("src"))), "img src exists");
        for (int i = 0; i < links.getLength(); i++) {
            String href = ((Element) links.item(i)).getAttribute("href");
            assertFalse(href.contains("://"), "no external reference: " + href);
            assertTrue(Files.exists(dir.resolve(href)), "link target exists: " + href);
        }
        NodeList scripts = html.getElementsByTagName("script");
        for (int i = 0; i < scripts.getLength(); i++)
            assertFalse(((Element) scripts.item(i)).hasAttribute("src"), "scripts are inline: the page loads nothing");
        var charts = new com.fasterxml.jackson.databind.ObjectMapper().readTree(html.getElementById("chart-data") != null
                ? html.getElementById("chart-data").getTextContent() : scripts.item(0).getTextContent());
        assertEquals(plots.size(), charts.size(), "one chart's data per plot");

        Map<String, CellAggregate> byKey = new HashMap<>();
        finals.forEach(f -> byKey.put(f.key().kafkaKey(), f));
        NodeList rows = html.getElementsByTagName("tr");
        int checked = 0;
        for (int i = 0; i < rows.getLength(); i++) {
            Element row = (Element) rows.item(i);
            if (!row.hasAttribute("data-key")) continue;
            CellAggregate expected = byKey.get(row.getAttribute("data-key"));
            assertNotNull(expected, row.getAttribute("data-key"));
            var encoded = StatsCodec.encode(expected);
            NodeList cells = row.getElementsByTagName("td");
            for (int j = 0; j < cells.getLength(); j++) {
                Element td = (Element) cells.item(j);
                if (!td.hasAttribute("data-field")) continue;
                double want = Json.readDouble(encoded.get(td.getAttribute("data-field")));
                double got = Double.parseDouble(td.getAttribute("data-value"));
                if (Double.isNaN(want)) assertTrue(Double.isNaN(got));
                else assertEquals(want, got, 0.0, td.getAttribute("data-field"));
                checked++;
            }
        }
        assertEquals(g.cells() * StatsCodec.STAT_FIELDS.length, checked);
        assertTrue(finals.stream().anyMatch(f -> !Double.isNaN(f.stats().subnormalF32Mean())), "precision data reached the report");
    }

    @Test
    void wilsonIntervalsMatchTheirClosedForm() {
        // k = 0 of n = 10: [0, z²/(n + z²)]
        double z = 1.959963984540054;
        assertArrayEquals(new double[] {0, z * z / (10 + z * z)}, Report.wilson(0, 10), 1e-12);
        double[] half = Report.wilson(50, 100);
        assertEquals(1.0, half[0] + half[1], 1e-12, "symmetric about ½");
        assertTrue(half[0] < 0.5 && half[0] > 0.39);
    }

    static Document xml(Path p) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(p.toFile());
    }
}
