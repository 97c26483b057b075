package org.spectralflow.job;

import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.api.common.state.ValueState;
import org.apache.flink.api.common.state.ValueStateDescriptor;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.streaming.api.functions.KeyedProcessFunction;
import org.apache.flink.util.Collector;
import org.spectralflow.codec.AlertCodec;
import org.spectralflow.codec.HealthCodec;
import org.spectralflow.codec.Json;
import org.spectralflow.math.LayerState;
import org.spectralflow.math.RegimeTracker;
import org.spectralflow.model.Alert;
import org.spectralflow.model.LayerReading;

/** Per (model, layer): the regime and trend in keyed state; one health record per reading, alerts as raised. */
final class MonitorLayers extends KeyedProcessFunction<String, LayerReading, OutMessage> {
    private final MonitorJobConfig cfg;
    private transient ValueState<LayerState> state;

    MonitorLayers(MonitorJobConfig cfg) {
        this.cfg = cfg;
    }

    @Override
    public void open(OpenContext context) {
        state = getRuntimeContext().getState(new ValueStateDescriptor<>("layer", TypeInformation.of(LayerState.class)));
    }

    @Override
    public void processElement(LayerReading r, Context ctx, Collector<OutMessage> out) throws Exception {
        LayerState s = state.value();
        if (s == null) s = new LayerState();
        RegimeTracker.Update u = RegimeTracker.update(s, r, cfg.settings());
        state.update(s);
        out.collect(new OutMessage(cfg.healthTopic(), r.key(), Json.bytes(HealthCodec.encode(r, u.regime()))));
        for (Alert a : u.alerts()) out.collect(new OutMessage(cfg.alertsTopic(), r.key(), Json.bytes(AlertCodec.encode(a))));
    }
}
