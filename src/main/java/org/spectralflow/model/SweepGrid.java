package org.spectralflow.model;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A parameter sweep: the cartesian product of its lists is the set of cells, each run
 * {@code trials} times. Cells are numbered in the order ensemble, n, activation, precision, scale;
 * trial k of cell c gets id {@code sweep/c/k} and seed {@link Seeds#specSeed}(seed, c, k).
 */
public record SweepGrid(String sweep, long seed, List<Ensemble> ensembles, List<Integer> sizes, Scaling scaling,
                        List<Double> scales, List<Activation> activations, List<Precision> precisions, int trials,
                        int steps, double delta, double density, double biasStd, double explode, double binWidth,
                        boolean independentJacobians, int precisionBudget, AnalysisOptions options)
        implements java.io.Serializable {

    /** A grid without the optional analyses. */
    public SweepGrid(String sweep, long seed, List<Ensemble> ensembles, List<Integer> sizes, Scaling scaling, List<Double> scales,
                     List<Activation> activations, List<Precision> precisions, int trials, int steps, double delta, double density,
                     double biasStd, double explode, double binWidth, boolean independentJacobians, int precisionBudget) {
        this(sweep, seed, ensembles, sizes, scaling, scales, activations, precisions, trials, steps, delta, density, biasStd,
                explode, binWidth, independentJacobians, precisionBudget, AnalysisOptions.DEFAULT);
    }

    public SweepGrid {
        if (sweep == null || sweep.isBlank() || sweep.contains("/")) throw new IllegalArgumentException("sweep name must be non-empty and contain no '/'");
        for (List<?> l : List.of(ensembles, sizes, scales, activations, precisions))
            if (l.isEmpty()) throw new IllegalArgumentException("every grid list needs at least one value");
        if (ensembles.contains(Ensemble.GIVEN)) throw new IllegalArgumentException("a sweep draws random matrices: ensemble 'given' is for records and files");
        if (trials < 1) throw new IllegalArgumentException("trials must be at least 1, got " + trials);
        if (steps < 1) throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        for (int n : sizes) if (n < 1) throw new IllegalArgumentException("n must be positive, got " + n);
        for (double s : scales) if (!(s >= 0) || !Double.isFinite(s)) throw new IllegalArgumentException("scale must be finite and non-negative, got " + s);
        if (!(density > 0 && density <= 1)) throw new IllegalArgumentException("density must be in (0, 1], got " + density);
        if (!(delta > 0)) throw new IllegalArgumentException("delta must be positive, got " + delta);
        if (!(explode > 1)) throw new IllegalArgumentException("explode must be above 1, got " + explode);
        if (!(binWidth > 0)) throw new IllegalArgumentException("bin width must be positive, got " + binWidth);
        if (!(biasStd >= 0)) throw new IllegalArgumentException("bias std must be non-negative, got " + biasStd);
        if (options == null) options = AnalysisOptions.DEFAULT;
        for (int n : sizes)
            for (Ensemble e : ensembles) {
                long nnz = nnz(e, n, density, options);
                if (nnz > Limits.MAX_NNZ)
                    throw new IllegalArgumentException("n² × density = " + nnz + " expected nonzeros at n = " + n + " is above the limit of "
                            + Limits.MAX_NNZ);
                if (nnz < (long) n * n && independentJacobians)
                    throw new IllegalArgumentException("jacobian 'independent' needs a dense matrix (n ≤ --dense-max-n " + options.denseMaxN() + ")");
                options.check(n, nnz, steps);
            }
        for (Precision p : precisions) AnalysisRequest.checkLeak(options, p, independentJacobians);
        try {
            long cells = 1;
            for (List<?> l : List.of(ensembles, sizes, scales, activations, precisions)) cells = Math.multiplyExact(cells, l.size());
            Math.multiplyExact(cells, trials);
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException("the grid has more than 2^63 matrices");
        }
    }

    /** Whether matrices of ensemble e and size n are drawn in CSR (a sparse ensemble above the dense limit). */
    public static boolean csr(Ensemble e, int n, AnalysisOptions options) {
        return e == Ensemble.SPARSE && n > options.denseMaxN();
    }

    /** The stored entries of such a matrix: its expected nonzeros in CSR, else n². */
    static long nnz(Ensemble e, int n, double density, AnalysisOptions options) {
        return csr(e, n, options) ? (long) Math.ceil((double) n * n * density) : (long) n * n;
    }

    /** The largest N among the sizes that are dense for some ensemble of this grid (0 if none). */
    public int largestDenseN() {
        int most = 0;
        for (int n : sizes) for (Ensemble e : ensembles) if (!csr(e, n, options)) most = Math.max(most, n);
        return most;
    }

    public long cells() {
        return (long) ensembles.size() * sizes.size() * activations.size() * precisions.size() * scales.size();
    }

    public long size() {
        return cells() * trials;
    }

    /** The spec of trial k in cell c. */
    public Spec spec(long cell, long trial) {
        long c = cell;
        int si = (int) (c % scales.size());
        c /= scales.size();
        int pi = (int) (c % precisions.size());
        c /= precisions.size();
        int ai = (int) (c % activations.size());
        c /= activations.size();
        int ni = (int) (c % sizes.size());
        c /= sizes.size();
        int ei = (int) c;
        return new Spec(sweep + "/" + cell + "/" + trial, trial, Seeds.specSeed(seed, cell, trial), new CellDefinition(sweep, cell,
                trials, seed, ensembles.get(ei), sizes.get(ni), density, scaling, scales.get(si), activations.get(ai), biasStd, steps,
                delta, precisions.get(pi), explode, binWidth, independentJacobians, precisionBudget, options), null);
    }

    /** All specs, trial-major (trial 0 of every cell first), so partial results cover every cell early. */
    public Iterable<Spec> specs() {
        long cells = cells();
        return () -> new Iterator<>() {
            long i = 0;

            @Override
            public boolean hasNext() {
                return i < size();
            }

            @Override
            public Spec next() {
                if (!hasNext()) throw new NoSuchElementException();
                Spec s = spec(i % cells, i / cells);
                i++;
                return s;
            }
        };
    }

    /**
     * Most multiply-adds of one published block, what one record's work may be ({@link
     * Limits#MAX_WORK}, about a minute of one core): the job emits a block's parts (2²⁶ each) at
     * once, and about a thousand parts fit in the network buffers between two subtasks, so emitting
     * a block this size does not stall on backpressure while a checkpoint barrier waits for it.
     */
    public static final long BLOCK_WORK = Limits.MAX_WORK;

    /**
     * Trials per spec record of cell c: {@code blockTrials} when positive (1: trial by trial), else
     * the cell split into {@code blocksPerCell} blocks (one per spec partition, say) of at most
     * {@link #BLOCK_WORK}.
     */
    public long blockTrials(long cell, long blockTrials, int blocksPerCell) {
        if (blockTrials > 0) return Math.min(blockTrials, trials);
        long share = (trials + blocksPerCell - 1) / Math.max(1, blocksPerCell);
        return Math.max(1, Math.min(share, BLOCK_WORK / spec(cell, 0).definition().work()));
    }

    /**
     * The grid as blocks of consecutive trials (see {@link #blockTrials}), block-major (the first
     * block of every cell first), so partial results cover every cell early. Every trial's seed and
     * id are those of {@link #specs()}: the results are the same.
     */
    public Iterable<Spec> blocks(long blockTrials, int blocksPerCell) {
        long cells = cells();
        long[] size = new long[(int) Math.min(cells, Integer.MAX_VALUE)];
        long most = 0;
        for (int c = 0; c < size.length; c++) {
            size[c] = blockTrials(c, blockTrials, blocksPerCell);
            most = Math.max(most, (trials + size[c] - 1) / size[c]);
        }
        long blocksOfLargest = most;
        return () -> new Iterator<>() {
            long block = 0, cell = -1;
            Spec next = advance();

            private Spec advance() {
                while (true) {
                    if (++cell == cells) {
                        cell = 0;
                        block++;
                    }
                    if (block >= blocksOfLargest) return null;
                    long from = block * size[(int) cell];
                    if (from < trials) {
                        long count = Math.min(size[(int) cell], trials - from);
                        return spec(cell, from).withTrials(count);
                    }
                }
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public Spec next() {
                if (next == null) throw new NoSuchElementException();
                Spec s = next;
                next = advance();
                return s;
            }
        };
    }

    /** Parses "a,b,c" or "a:b:step" (inclusive, exact in decimal) into numbers. */
    public static List<Double> parseNumbers(String text, String what) {
        List<Double> out = new ArrayList<>();
        for (String part : text.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            try {
                if (p.contains(":")) {
                    String[] r = p.split(":");
                    if (r.length != 3) throw new IllegalArgumentException(what + ": a range is a:b:step, got '" + p + "'");
                    BigDecimal a = new BigDecimal(r[0].trim()), b = new BigDecimal(r[1].trim()), step = new BigDecimal(r[2].trim());
                    if (step.signum() <= 0) throw new IllegalArgumentException(what + ": range step must be positive, got '" + p + "'");
                    if (b.compareTo(a) < 0) throw new IllegalArgumentException(what + ": range end is below its start in '" + p + "'");
                    for (BigDecimal x = a; x.compareTo(b) <= 0; x = x.add(step)) {
                        out.add(x.doubleValue());
                        if (out.size() > 1_000_000) throw new IllegalArgumentException(what + ": range '" + p + "' is too long");
                    }
                } else {
                    out.add(Double.parseDouble(p));
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(what + ": '" + p + "' is not a number or a:b:step range");
            }
        }
        if (out.isEmpty()) throw new IllegalArgumentException(what + ": no values given");
        return out;
    }
}
