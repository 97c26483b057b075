package org.spectralflow.job;

import org.spectralflow.model.LayerReading;
import org.spectralflow.model.RecordOrigin;

/** One analysed weights record on its way to its model's state, with where it came from (for a rejection there). */
public record WeightsReading(LayerReading reading, RecordOrigin origin) {
    public String model() {
        return reading.model();
    }
}
