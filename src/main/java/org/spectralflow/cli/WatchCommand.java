package org.spectralflow.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.spectralflow.codec.AlertCodec;
import org.spectralflow.codec.HealthCodec;
import org.spectralflow.job.Topics;
import org.spectralflow.kafka.TopicFollower;
import org.spectralflow.model.Alert;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code spectralflow watch}: a live table of layers, ranked by closeness to explosion. */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Follow sf.health and sf.alerts: layers ranked by gradient growth rate (closest to explosion first).")
final class WatchCommand implements Callable<Integer> {
    @Mixin
    KafkaOptions kafka;

    @Option(names = "--once", description = "Read what is there, print the table once and exit.")
    boolean once;

    @Option(names = "--refresh", description = "Seconds between redraws (default: ${DEFAULT-VALUE}).")
    double refresh = 1.0;

    @Override
    public Integer call() throws Exception {
        String bootstrap = kafka.servers();
        if (!(refresh >= 0.1 && refresh <= 3600))
            throw new IllegalArgumentException("--refresh must be between 0.1 and 3600 seconds, got " + refresh);
        kafka.requireReachable(bootstrap);
        Map<String, HealthCodec.Health> latest = new LinkedHashMap<>();
        Map<String, Alert> lastAlert = new LinkedHashMap<>();
        boolean terminal = System.console() != null && !once;
        try (TopicFollower f = new TopicFollower(kafka.bootstrapServers, kafka.clientProperties(),
                List.of(Topics.HEALTH, Topics.ALERTS), true)) {
            while (true) {
                long until = System.nanoTime() + (long) (refresh * 1e9);
                do {
                    for (TopicFollower.Message m : f.poll(Duration.ofMillis(200))) {
                        try {
                            if (m.topic().equals(Topics.HEALTH)) {
                                HealthCodec.Health h = HealthCodec.decode(m.value());
                                HealthCodec.Health prev = latest.get(h.model() + "/" + h.layer());
                                if (prev == null || prev.step() <= h.step()) latest.put(h.model() + "/" + h.layer(), h);
                            } else {
                                Alert a = AlertCodec.decode(m.value());
                                lastAlert.put(a.model() + "/" + a.layer(), a);
                            }
                        } catch (RuntimeException e) {
                            // a record that is not ours: skip it
                        }
                    }
                } while (System.nanoTime() < until && !(once && f.atEnd()));
                String table = table(latest, lastAlert);
                if (terminal) System.out.print("\033[H\033[2J");
                System.out.print(table);
                System.out.flush();
                if (once && f.atEnd()) return 0;
            }
        }
    }

    /**
     * The latest reading of every layer, the fastest-growing gradient first. A gated layer's ρ and
     * σ₁ are its largest gate's; without state Jacobians it has no rate or regime ("—").
     */
    static String table(Map<String, HealthCodec.Health> latest, Map<String, Alert> alerts) {
        List<HealthCodec.Health> rows = new ArrayList<>(latest.values());
        rows.sort(Comparator.comparingDouble((HealthCodec.Health h) -> Double.isNaN(h.growthRate())
                ? Double.NEGATIVE_INFINITY : h.growthRate()).reversed());
        StringBuilder b = new StringBuilder(String.format(Locale.ROOT, "%-16s %-22s %-8s %8s %8s %8s %10s %10s %-9s %s%n",
                "model", "layer", "cell", "step", "ρ", "σ₁", "rate/step", "grad ratio", "regime", "last alert"));
        for (HealthCodec.Health h : rows) {
            Alert a = alerts.get(h.model() + "/" + h.layer());
            String last = a == null ? "" : a.kind() + " @" + a.step() + ": " + (a.from() == null ? "—" : a.from().wire())
                    + " → " + a.to().wire() + (a.kind().equals("forecast") ? " at ≈" + Math.round(a.forecastStep()) : "");
            b.append(String.format(Locale.ROOT, "%-16s %-22s %-8s %8d %8.4f %8.4f %10s %10s %-9s %s%n", h.model(), h.layer(),
                    h.cell(), h.step(), h.rho(), h.sigma1(), number("%+.5f", h.growthRate()), number("%.3g", h.predictedRatio()),
                    h.regime() == null ? "—" : h.regime(), last));
        }
        return b.toString();
    }

    private static String number(String format, double x) {
        return Double.isNaN(x) ? "—" : String.format(Locale.ROOT, format, x);
    }
}
