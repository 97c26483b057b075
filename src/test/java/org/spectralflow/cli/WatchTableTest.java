package org.spectralflow.cli;

import static org.junit.jupiter.api.Assertions.*;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.spectralflow.codec.HealthCodec;
import org.spectralflow.codec.Json;
import org.spectralflow.math.HealthAnalyzer;
import org.spectralflow.model.Alert;
import org.spectralflow.model.RecurrentCell;
import org.spectralflow.model.Regime;
import org.spectralflow.model.Weights;

/** watch's table: gated layers without a regime show dashes and sort below every layer with a rate. */
class WatchTableTest {
    @Test
    void gatedLayersWithoutJacobiansShowNoRateOrRegime() {
        int h = 3;
        double[] lstm = new double[4 * h * h], rnn = new double[h * h];
        for (int i = 0; i < h; i++) {
            lstm[i * h + i] = 1.2;
            rnn[i * h + i] = 0.5;
        }
        Map<String, HealthCodec.Health> latest = new LinkedHashMap<>();
        for (Weights w : List.of(new Weights("m", "lstm.weight_hh_l0", 100, RecurrentCell.LSTM, h, lstm, 20, null),
                new Weights("m", "rnn.weight_hh_l0", 100, RecurrentCell.RNN_TANH, h, rnn, 20, null))) {
            var r = HealthAnalyzer.read(w);
            latest.put(w.key(), HealthCodec.decode(Json.bytes(HealthCodec.encode(r, r.hasRegime() ? Regime.VANISHING : null, false))));
        }
        Map<String, Alert> alerts = Map.of("m/lstm.weight_hh_l0",
                new Alert("forecast", "m", "lstm.weight_hh_l0", 100, null, Regime.EXPLODING, 1.2, Double.NaN, 400, 0.9, "x"));
        String[] lines = WatchCommand.table(latest, alerts).split("\n");
        assertEquals(3, lines.length);
        assertTrue(lines[1].contains("rnn.weight_hh_l0") && lines[1].contains("rnn_tanh") && lines[1].contains("vanishing"), lines[1]);
        assertTrue(lines[2].contains("lstm.weight_hh_l0") && lines[2].contains("lstm") && lines[2].contains("1.2000"), lines[2]);
        assertTrue(lines[2].matches(".*\\s—\\s+—\\s+—\\s+forecast @100: — → exploding at ≈400$"), lines[2]);
    }
}
