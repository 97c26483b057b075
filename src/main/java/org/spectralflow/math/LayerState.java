package org.spectralflow.math;

/**
 * What the monitor remembers about one layer: its regime, how long it has sat in the neutral band,
 * the recent (step, ρ) readings of the trend fit, and whether a forecast alert is outstanding.
 * A Flink POJO, kept in keyed state.
 */
public class LayerState {
    /** Wire name of the current regime; null before the first reading. */
    public String regime;
    public int settled;
    public long[] steps = new long[0];
    public double[] rhos = new double[0];
    public boolean forecastActive;
    /** The newest training step read so far; -1 before the first reading. */
    public long lastStep = -1;

    public LayerState() {}
}
