package org.spectralflow.model;

/**
 * One aggregate of a cell as {@code sf.stats} carries it: the cell's key, how many of its
 * {@code cellTrials} trials it counts, whether it is the final one, and the statistics.
 */
public record CellAggregate(CellKey key, long cellTrials, long cellCount, boolean isFinal, CellStats stats) {}
