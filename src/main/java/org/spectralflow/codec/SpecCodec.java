package org.spectralflow.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spectralflow.model.Activation;
import org.spectralflow.model.AnalysisOptions;
import org.spectralflow.model.AnalysisRequest;
import org.spectralflow.model.CellDefinition;
import org.spectralflow.model.DenseMatrix;
import org.spectralflow.model.Matrix;
import org.spectralflow.model.SparseMatrix;
import org.spectralflow.model.Ensemble;
import org.spectralflow.model.Limits;
import org.spectralflow.model.Precision;
import org.spectralflow.model.Scaling;
import org.spectralflow.model.Seeds;
import org.spectralflow.model.Spec;
import org.spectralflow.model.Text;

/**
 * {@code sf.specs} records: required sweep, id, cell, cell_trials, trial, seed, ensemble, n,
 * scaling, scale, activation, steps; a block of trials adds {@code trials} and must carry its
 * sweep seed.
 */
public final class SpecCodec {
    private SpecCodec() {}

    public static Spec decode(byte[] payload, int maxN) {
        Preflight.check(payload, maxN);
        return decode(Json.parseObject(payload), maxN);
    }

    public static Spec decode(ObjectNode o, int maxN) {
        Fields f = Fields.of(o);
        f.requireVersion();
        try {
            String sweep = sweepName(f.string("sweep"));
            String id = f.string("id");
            long cell = f.integer("cell");
            if (cell < 0) throw new InvalidRecordException("cell must be non-negative, got " + cell);
            long cellTrials = f.integer("cell_trials");
            if (cellTrials < 1 || cellTrials > Limits.MAX_CELL_TRIALS)
                throw new InvalidRecordException("cell_trials must be in [1, " + Limits.MAX_CELL_TRIALS + "], got " + cellTrials);
            long trial = f.integer("trial");
            if (trial < 0 || trial >= cellTrials)
                throw new InvalidRecordException("trial must be in [0, cell_trials) = [0, " + cellTrials + "), got " + trial);
            long trials = f.has("trials") ? f.integer("trials") : 1;
            if (trials < 1 || trials > cellTrials - trial)
                throw new InvalidRecordException("trials must be in [1, cell_trials - trial] = [1, " + (cellTrials - trial)
                        + "], got " + trials);
            long seed = f.integer("seed");
            Long sweepSeed = f.has("sweep_seed") ? f.integer("sweep_seed") : null;
            if (trials > 1 && sweepSeed == null)
                throw new InvalidRecordException("a block of " + trials + " trials needs field 'sweep_seed': each trial's seed derives from it");
            if (sweepSeed != null) checkDerivation(sweep, id, cell, trial, trials, seed, sweepSeed);
            Ensemble ensemble = Ensemble.parse(f.string("ensemble"));
            boolean csrData = ensemble == Ensemble.GIVEN && MatrixCodec.isCsr(f);
            // a sparse ensemble or a CSR matrix may be larger than a dense one: checked again below
            int n = MatrixCodec.size(f, ensemble == Ensemble.SPARSE || csrData ? Math.max(maxN, Limits.MAX_SPARSE_N) : maxN);
            double density = f.number("density", 1.0);
            if (!(density > 0 && density <= 1)) throw new InvalidRecordException("density must be in (0, 1], got " + density);
            Scaling scaling = Scaling.parse(f.string("scaling"));
            double scale = f.number("scale");
            if (scale < 0) throw new InvalidRecordException("scale must be non-negative, got " + scale);
            Activation activation = Activation.parse(f.string("activation"));
            double biasStd = f.number("bias_std", 0.0);
            if (biasStd < 0) throw new InvalidRecordException("bias_std must be non-negative, got " + biasStd);
            int steps = f.intIn("steps", 1, 1_000_000);
            AnalysisRequest.checkTrajectory(steps, n);
            double delta = f.number("delta", AnalysisRequest.DEFAULT_DELTA);
            if (!(delta > 0)) throw new InvalidRecordException("delta must be positive, got " + delta);
            Precision precision = Precision.parse(f.string("precision", "none"));
            double explode = f.number("explode", AnalysisRequest.DEFAULT_EXPLODE);
            if (!(explode > 1)) throw new InvalidRecordException("explode must be above 1, got " + explode);
            double binWidth = f.number("bin_width", Spec.DEFAULT_BIN_WIDTH);
            if (!(binWidth > 0)) throw new InvalidRecordException("bin_width must be positive, got " + binWidth);
            String jacobian = f.string("jacobian", "fixed");
            if (!jacobian.equals("fixed") && !jacobian.equals("independent"))
                throw new InvalidRecordException("jacobian must be 'fixed' or 'independent', got '" + jacobian + "'");
            int budget = f.intIn("precision_budget", 1, 100_000_000, AnalysisRequest.DEFAULT_PRECISION_BUDGET);
            AnalysisOptions options = OptionsCodec.read(f, n);
            boolean csr = (ensemble == Ensemble.SPARSE || csrData) && n > options.denseMaxN();
            if (!csr && n > maxN)
                throw new InvalidRecordException("n = " + n + " is above the configured maximum " + maxN + " of a dense matrix"
                        + (ensemble == Ensemble.SPARSE || csrData ? " (above dense_max_n = " + options.denseMaxN() + " it would be CSR)" : ""));
            long nnz = (long) n * n;
            if (csr && ensemble == Ensemble.SPARSE) {
                double expected = (double) n * n * density;
                if (expected > Limits.MAX_NNZ)
                    throw new InvalidRecordException("n² × density = " + (long) expected + " expected nonzeros is above the limit of "
                            + Limits.MAX_NNZ);
                nnz = (long) Math.ceil(expected);
            }
            if (csr && jacobian.equals("independent"))
                throw new InvalidRecordException("jacobian 'independent' needs a dense matrix (n ≤ dense_max_n = " + options.denseMaxN() + ")");
            Matrix data = ensemble == Ensemble.GIVEN ? MatrixCodec.read(f, n, options.denseMaxN()) : null;
            if (data != null) nnz = data.nnz();
            Limits.checkWork("steps", steps, n, nnz);
            if (precision != Precision.NONE) Limits.checkWork("precision_budget", budget, n, nnz);
            // a fresh orthogonal matrix per step is a QR factorisation (n³) per step
            if (jacobian.equals("independent") && ensemble == Ensemble.ORTHOGONAL) Limits.checkWork("steps × n", (long) steps * n, n);
            AnalysisRequest.checkLeak(options, precision, jacobian.equals("independent"));
            options.check(n, nnz, steps);
            CellDefinition definition = new CellDefinition(sweep, cell, cellTrials, sweepSeed, ensemble, n, density, scaling,
                    scale, activation, biasStd, steps, delta, precision, explode, binWidth, jacobian.equals("independent"), budget,
                    options);
            // the job emits a block's parts at once: a block may ask for what one record may, however it is cut
            if (trials > 1 && trials > Limits.MAX_WORK / definition.work())
                throw new InvalidRecordException("a block of " + trials + " trials of about " + definition.work()
                        + " multiply-adds each exceeds the 2^36 one record may ask for: publish at most "
                        + Math.max(1, Limits.MAX_WORK / definition.work()) + " trials a record");
            return new Spec(id, trial, trials, seed, definition, data);
        } catch (InvalidRecordException e) {
            throw e;
        } catch (IllegalArgumentException e) {
            throw new InvalidRecordException(e.getMessage(), e);
        }
    }

    /**
     * Sweep names become file names (runs/&lt;sweep&gt;/) and key prefixes (sweep/cell/bin): no '/', no
     * '\\', not "." or "..".
     */
    static String sweepName(String sweep) {
        if (sweep.isEmpty() || sweep.equals(".") || sweep.equals("..") || sweep.indexOf('/') >= 0 || sweep.indexOf('\\') >= 0)
            throw new InvalidRecordException("sweep " + Text.quote(sweep) + " is not a valid sweep name (non-empty, no '/' or '\\', not . or ..)");
        return sweep;
    }

    /** A spec that says its sweep seed must carry the seed and id spectralflow derives from it (DESIGN §3). */
    private static void checkDerivation(String sweep, String id, long cell, long trial, long trials, long seed, long sweepSeed) {
        long expected = Seeds.specSeed(sweepSeed, cell, trial);
        if (seed != expected)
            throw new InvalidRecordException("seed " + seed + " is not the seed of trial " + trial + " of cell " + cell
                    + " derived from sweep_seed " + sweepSeed + " (expected " + expected + ")");
        String expectedId = Spec.blockId(sweep, cell, trial, trials);
        if (!id.equals(expectedId))
            throw new InvalidRecordException("id " + Text.quote(id) + " is not " + Text.quote(expectedId) + ", the id of "
                    + (trials > 1 ? "trials " + trial + " to " + (trial + trials - 1) : "trial " + trial) + " of cell " + cell);
    }

    public static ObjectNode encode(Spec s) {
        ObjectNode o = Json.object();
        o.put("v", Json.VERSION);
        o.put("sweep", s.sweep());
        o.put("id", s.id());
        o.put("cell", s.cell());
        o.put("cell_trials", s.cellTrials());
        o.put("trial", s.trial());
        if (s.trials() > 1) o.put("trials", s.trials());
        o.put("seed", s.seed());
        if (s.sweepSeed() != null) o.put("sweep_seed", s.sweepSeed());
        o.put("ensemble", s.ensemble().wire());
        o.put("n", s.n());
        o.put("density", s.density());
        o.put("scaling", s.scaling().wire());
        o.put("scale", s.scale());
        o.put("activation", s.activation().wire());
        o.put("bias_std", s.biasStd());
        o.put("steps", s.steps());
        o.put("delta", s.delta());
        o.put("precision", s.precision().wire());
        o.put("explode", s.explode());
        o.put("bin_width", s.binWidth());
        o.put("jacobian", s.independentJacobians() ? "independent" : "fixed");
        o.put("precision_budget", s.precisionBudget());
        OptionsCodec.write(o, s.options(), false);
        if (s.data() instanceof DenseMatrix d) Json.array(o, "data", d.rowMajor());
        else if (s.data() instanceof SparseMatrix m) CsrCodec.write(o, m);
        return o;
    }
}
