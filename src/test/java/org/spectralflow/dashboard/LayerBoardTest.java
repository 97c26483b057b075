package org.spectralflow.dashboard;

import static org.junit.jupiter.api.Assertions.*;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The dashboard's state: latest, history and alerts per layer, bounded, and events for every accepted record. */
class LayerBoardTest {
    static byte[] health(String model, String layer, long step, double rho, boolean outOfOrder) {
        return ("{\"v\":1,\"model\":\"" + model + "\",\"layer\":\"" + layer + "\",\"step\":" + step + ",\"rho\":" + rho
                + ",\"growth_rate\":null,\"regime\":null,\"out_of_order\":" + outOfOrder + "}").getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsTheNewestReadingAndABoundedHistory() {
        LayerBoard b = new LayerBoard();
        List<String> events = new ArrayList<>();
        b.listen(events::add);
        for (int s = 0; s < LayerBoard.MAX_POINTS + 10; s++) assertTrue(b.onHealth(health("m", "a/b", s, 0.5 + 1e-4 * s, false), 1000 + s));
        assertTrue(b.onHealth(health("m", "a/b", 3, 9.9, true), 5000)); // late: reported, kept out of the history and the latest
        assertFalse(b.onHealth("not json".getBytes(StandardCharsets.UTF_8), 0));
        assertFalse(b.onHealth("{\"v\":1,\"layer\":\"x\"}".getBytes(StandardCharsets.UTF_8), 0));
        var layer = b.layer("m", "a/b");
        assertEquals(LayerBoard.MAX_POINTS, layer.get("steps").size(), "history bounded");
        assertEquals(LayerBoard.MAX_POINTS + 9, layer.get("health").get("step").asLong(), "the newest step, not the late one");
        assertEquals(10, layer.get("steps").get(0).asLong(), "the oldest points went first");
        assertTrue(layer.get("growth_rate").get(0).isNull(), "a missing rate stays missing");
        assertEquals(5000, layer.get("heard_at_ms").asLong());
        assertNull(b.layer("m", "a"), "model/layer pairs never collide");
        assertEquals(LayerBoard.MAX_POINTS + 11, events.size());
        assertTrue(events.get(0).startsWith("event: health\ndata: {") && events.get(0).endsWith("\n\n"));
    }

    @Test
    void alertsAreBoundedNewestFirstAndAttachedToTheirLayer() {
        LayerBoard b = new LayerBoard();
        b.onHealth(health("m", "l", 1, 0.9, false), 1);
        for (int i = 0; i < LayerBoard.MAX_ALERTS + 5; i++)
            assertTrue(b.onAlert(("{\"v\":1,\"kind\":\"forecast\",\"model\":\"m\",\"layer\":\"l\",\"step\":" + i + "}")
                    .getBytes(StandardCharsets.UTF_8), 2));
        assertEquals(LayerBoard.MAX_ALERTS, b.alerts().size());
        assertEquals(LayerBoard.MAX_ALERTS + 4, b.alerts().get(0).get("step").asLong());
        assertEquals(LayerBoard.MAX_ALERTS + 4, b.layers().get(0).get("last_alert").get("step").asLong());
    }

    @Test
    void theNumberOfLayersIsBounded() {
        LayerBoard b = new LayerBoard();
        for (int i = 0; i < LayerBoard.MAX_LAYERS + 3; i++) b.onHealth(health("m", "l" + i, 1, 0.5, false), 1);
        assertEquals(LayerBoard.MAX_LAYERS, b.layers().size());
        assertNull(b.layer("m", "l0"), "the first heard went first");
    }
}
