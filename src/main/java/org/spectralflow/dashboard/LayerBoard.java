package org.spectralflow.dashboard;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.spectralflow.codec.Json;
import org.spectralflow.model.LayerKey;

/**
 * What the dashboard shows, built from {@code sf.health} and {@code sf.alerts} records: every
 * layer's latest health, its recent history of (step, ρ, rate), its last alert and when it was
 * last heard from, and the recent alerts. Bounded: {@link #MAX_LAYERS} layers, {@link #MAX_POINTS}
 * points per layer, {@link #MAX_ALERTS} alerts, the oldest dropped first. Thread-safe.
 */
public final class LayerBoard {
    /** About 50 MB at most: 1024 layers × 1000 points of (step, ρ, rate). */
    public static final int MAX_LAYERS = 1024, MAX_POINTS = 1000, MAX_ALERTS = 500;

    /** One layer: its latest record, history and last alert. */
    private static final class Layer {
        ObjectNode latest, lastAlert;
        final Deque<double[]> history = new ArrayDeque<>(); // {step, rho, growth_rate (NaN if none)}
        long heardMillis;
    }

    private final Map<String, Layer> layers = new LinkedHashMap<>();
    private final Deque<ObjectNode> alerts = new ArrayDeque<>();
    private final List<Consumer<String>> listeners = new CopyOnWriteArrayList<>();

    /** Registers a listener for update events (SSE lines: "event: …\ndata: …\n\n"). */
    public void listen(Consumer<String> l) {
        listeners.add(l);
    }

    public void unlisten(Consumer<String> l) {
        listeners.remove(l);
    }

    /** A health record; false if it is not one (skipped). */
    public boolean onHealth(byte[] value, long nowMillis) {
        ObjectNode h = parse(value);
        if (h == null || !h.path("model").isTextual() || !h.path("layer").isTextual() || !h.path("step").canConvertToLong())
            return false;
        ObjectNode summary;
        synchronized (this) {
            String key = LayerKey.of(h.get("model").asText(), h.get("layer").asText());
            Layer l = layers.get(key);
            if (l == null) {
                if (layers.size() >= MAX_LAYERS) layers.remove(layers.keySet().iterator().next());
                l = new Layer();
                layers.put(key, l);
            }
            long step = h.get("step").asLong();
            if (l.latest == null || step >= l.latest.path("step").asLong()) l.latest = h;
            if (!h.path("out_of_order").asBoolean(false)) {
                l.history.addLast(new double[] {step, number(h.get("rho")), number(h.get("growth_rate"))});
                if (l.history.size() > MAX_POINTS) l.history.removeFirst();
            }
            l.heardMillis = nowMillis;
            summary = summary(l);
        }
        publish("health", summary);
        return true;
    }

    /** An alert record; false if it is not one (skipped). */
    public boolean onAlert(byte[] value, long nowMillis) {
        ObjectNode a = parse(value);
        if (a == null || !a.path("model").isTextual() || !a.path("layer").isTextual() || !a.path("kind").isTextual()) return false;
        synchronized (this) {
            alerts.addFirst(a);
            if (alerts.size() > MAX_ALERTS) alerts.removeLast();
            Layer l = layers.get(LayerKey.of(a.get("model").asText(), a.get("layer").asText()));
            if (l != null) l.lastAlert = a;
        }
        publish("alert", a);
        return true;
    }

    /** {@code /api/layers}: every layer's summary, in the order first heard. */
    public synchronized ArrayNode layers() {
        ArrayNode out = Json.arrayNode();
        for (Layer l : layers.values()) out.add(summary(l));
        return out;
    }

    /** {@code /api/layers/{model}/{layer}}: the summary with the history, or null when unknown. */
    public synchronized ObjectNode layer(String model, String layer) {
        Layer l = layers.get(LayerKey.of(model, layer));
        if (l == null) return null;
        ObjectNode o = summary(l);
        ArrayNode steps = o.putArray("steps"), rho = o.putArray("rho"), rate = o.putArray("growth_rate");
        for (double[] p : l.history) {
            steps.add((long) p[0]);
            addNumber(rho, p[1]);
            addNumber(rate, p[2]);
        }
        return o;
    }

    /** {@code /api/alerts}: the recent alerts, newest first. */
    public synchronized ArrayNode alerts() {
        ArrayNode out = Json.arrayNode();
        alerts.forEach(out::add);
        return out;
    }

    private static ObjectNode summary(Layer l) {
        ObjectNode o = Json.object();
        o.put("model", l.latest.get("model").asText());
        o.put("layer", l.latest.get("layer").asText());
        for (String f : new String[] {"step", "cell", "rho", "sigma1", "growth_rate", "regime"}) // the table's columns, at hand
            if (l.latest.has(f)) o.set(f, l.latest.get(f));
        o.set("health", l.latest);
        o.set("last_alert", l.lastAlert);
        o.put("heard_at_ms", l.heardMillis);
        return o;
    }

    private void publish(String event, JsonNode data) {
        if (listeners.isEmpty()) return;
        String message = "event: " + event + "\ndata: " + Json.compact(data) + "\n\n";
        for (Consumer<String> l : new ArrayList<>(listeners)) l.accept(message);
    }

    private static ObjectNode parse(byte[] value) {
        try {
            return Json.parseObject(value);
        } catch (RuntimeException e) {
            return null; // not one of ours
        }
    }

    private static double number(JsonNode n) {
        return n != null && n.isNumber() ? n.doubleValue() : Double.NaN;
    }

    private static void addNumber(ArrayNode a, double x) {
        if (Double.isFinite(x)) a.add(x);
        else a.addNull();
    }
}
