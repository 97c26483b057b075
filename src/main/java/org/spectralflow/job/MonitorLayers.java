package org.spectralflow.job;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.MapState;
import org.apache.flink.api.common.state.MapStateDescriptor;
import org.apache.flink.api.common.state.StateTtlConfig;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.spectralflow.codec.AlertCodec;
import org.spectralflow.codec.HealthCodec;
import org.spectralflow.codec.Json;
import org.spectralflow.math.LayerState;
import org.spectralflow.math.RegimeTracker;
import org.spectralflow.model.Alert;
import org.spectralflow.model.LayerReading;
import org.spectralflow.model.Text;
import org.spectralflow.stream.DeadLetters;
import org.spectralflow.stream.OutMessage;

/**
 * Per model, the regime and trend of each of its layers, keyed by the layer's name (so a layer is
 * the pair (model, layer), never a concatenation two pairs could share): one health record per
 * reading, alerts as raised. At most {@code maxLayersPerModel} layers per model; a layer silent for
 * the TTL expires (Flink state TTL), so the state of a model is bounded by cap × window.
 */
final class MonitorLayers extends KeyedProcessFunction<String, WeightsReading, OutMessage> {
    private final MonitorJobConfig cfg;
    private transient MapState<String, LayerState> layers;

    MonitorLayers(MonitorJobConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void open(OpenContext context) {
        MapStateDescriptor<String, LayerState> d = new MapStateDescriptor<>("layers", Types.STRING,
                TypeInformation.of(LayerState.class));
        if (cfg.bounds().layerTtlMs() > 0)
            d.enableTimeToLive(StateTtlConfig.newBuilder(Duration.ofMillis(cfg.bounds().layerTtlMs()))
                    .setUpdateType(StateTtlConfig.UpdateType.OnCreateAndWrite)
                    .setStateVisibility(StateTtlConfig.StateVisibility.NeverReturnExpired)
                    .build());
        layers = getRuntimeContext().getMapState(d);
    }

    @Override
    public void processElement(WeightsReading w, Context ctx, Collector<OutMessage> out) throws Exception {
        List<OutMessage> emitted;
        try {
            emitted = track(w);
        } catch (RuntimeException e) {
            emitted = List.of(DeadLetters.of(cfg.dlqTopic(), w.origin(), DeadLetters.reason(e)));
        }
        emitted.forEach(out::collect);
    }

    /** The health record and alerts of one reading, or its rejection; state is written only when it is accepted. */
    private List<OutMessage> track(WeightsReading w) throws Exception {
        LayerReading r = w.reading();
        LayerState s = layers.get(r.layer());
        if (s == null) {
            int max = cfg.bounds().maxLayersPerModel(), have = 0;
            for (String ignored : layers.keys()) if (++have >= max) break;
            if (have >= max)
                return List.of(DeadLetters.of(cfg.dlqTopic(), w.origin(), "model " + Text.quote(r.model()) + " already has "
                        + max + " layers (--max-layers-per-model); layer " + Text.quote(r.layer()) + " is not tracked"));
            s = new LayerState();
        }
        RegimeTracker.Update u = RegimeTracker.update(s, r, cfg.settings());
        List<OutMessage> out = new ArrayList<>();
        out.add(new OutMessage(cfg.healthTopic(), r.key(), Json.bytes(HealthCodec.encode(r, u.regime(), u.outOfOrder()))));
        for (Alert a : u.alerts()) out.add(new OutMessage(cfg.alertsTopic(), r.key(), Json.bytes(AlertCodec.encode(a))));
        layers.put(r.layer(), s);
        return out;
    }
}
