package org.spectralflow.math;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.EigenDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularValueDecomposition;
import org.junit.jupiter.api.Test;
import org.spectralflow.model.Alert;
import org.spectralflow.model.RecurrentCell;
import org.spectralflow.model.Jacobians;
import org.spectralflow.model.LayerReading;
import org.spectralflow.model.MonitorSettings;
import org.spectralflow.model.Weights;

/** Gated cells, state Jacobians and ReLU layers (DESIGN §6.1), against Commons Math and closed forms. */
class CellHealthTest {
    static double[] gaussian(Random r, int count, double scale) {
        double[] x = new double[count];
        for (int i = 0; i < count; i++) x[i] = scale * r.nextGaussian();
        return x;
    }

    static RealMatrix matrix(double[] rowMajor, int from, int n) {
        double[][] a = new double[n][n];
        for (int i = 0; i < n; i++) for (int j = 0; j < n; j++) a[i][j] = rowMajor[from + i * n + j];
        return new Array2DRowRealMatrix(a);
    }

    static double radius(RealMatrix a) {
        EigenDecomposition e = new EigenDecomposition(a);
        double rho = 0;
        for (int i = 0; i < a.getRowDimension(); i++) rho = Math.max(rho, Math.hypot(e.getRealEigenvalues()[i], e.getImagEigenvalues()[i]));
        return rho;
    }

    @Test
    void anLstmLayerHasTheSpectraOfItsFourGateBlocks() {
        int h = 12;
        Random r = new Random(5);
        double[] w = gaussian(r, 4 * h * h, 1 / Math.sqrt(h));
        for (int i = 0; i < h * h; i++) w[h * h + i] *= 1.7; // the forget gate's block largest
        LayerReading read = HealthAnalyzer.read(new Weights("m", "lstm.weight_hh_l0", 1, RecurrentCell.LSTM, h, w, 50, null));
        double top = 0;
        for (int g = 0; g < 4; g++) {
            RealMatrix block = matrix(w, g * h * h, h);
            double rho = radius(block), sigma1 = new SingularValueDecomposition(block).getSingularValues()[0];
            assertEquals(rho, read.gateRho()[g], 1e-10 * rho, "gate " + RecurrentCell.LSTM.gates().get(g));
            assertEquals(sigma1, read.gateSigma1()[g], 1e-10 * sigma1);
            top = Math.max(top, rho);
        }
        assertEquals(top, read.gateRho()[1], 1e-10 * top, "the forget gate was made the largest");
        assertEquals(read.gateRho()[1], read.rho(), 0);
        assertEquals(read.gateSigma1()[1], read.sigma1(), 0, "headline σ₁ is the top gate's");
        assertTrue(Double.isNaN(read.regimeRate()) && !read.hasRegime(), "weights alone decide no regime");
    }

    /** J_t = c_t Q_t with Q_t orthogonal: every vector's norm scales by c_t, so the rate is mean ln c_t exactly. */
    @Test
    void trajectoryOfScaledOrthogonalJacobians() {
        int m = 10, k = 7;
        Random r = new Random(11);
        double[] data = new double[k * m * m], c = new double[k];
        double meanLog = 0;
        for (int t = 0; t < k; t++) {
            c[t] = 0.5 + r.nextDouble();
            meanLog += Math.log(c[t]) / k;
            RealMatrix q = new QRDecomposition(matrix(gaussian(r, m * m, 1), 0, m)).getQ();
            for (int i = 0; i < m; i++) for (int j = 0; j < m; j++) data[t * m * m + i * m + j] = c[t] * q.getEntry(i, j);
        }
        Jacobians jac = new Jacobians(k, m, data);
        double[] u = new SeededRandom(3, SeededRandom.Stream.G).unitVector(m);
        var traj = StateJacobians.trajectory(jac, u);
        assertEquals(meanLog, traj.rate(), 1e-13);
        double meanC = 0;
        for (double x : c) meanC += x / k;
        assertEquals(meanC, traj.sigma1Mean(), 1e-12);
        RealMatrix product = matrix(data, 0, m);
        for (int t = 1; t < k; t++) product = matrix(data, t * m * m, m).multiply(product); // J_k ⋯ J_1
        assertEquals(Math.pow(radius(product), 1.0 / k), traj.rhoProduct(), 1e-12);
        // ρ of a product of orthogonal matrices is 1: ρ(J_k⋯J_1)^{1/k} is the geometric mean of the c_t
        assertEquals(Math.exp(meanLog), traj.rhoProduct(), 1e-12);
    }

    /** The order J_kᵀ first matters when the Jacobians do not commute: checked against a direct product. */
    @Test
    void backwardRateAppliesTheLastJacobianFirst() {
        int m = 6, k = 5;
        Random r = new Random(2);
        double[] data = gaussian(r, k * m * m, 0.6);
        double[] u = new SeededRandom(9, SeededRandom.Stream.G).unitVector(m);
        org.apache.commons.math3.linear.RealVector v = new org.apache.commons.math3.linear.ArrayRealVector(u);
        for (int t = k; t >= 1; t--) v = matrix(data, (t - 1) * m * m, m).transpose().operate(v);
        assertEquals(Math.log(v.getNorm()) / k, StateJacobians.backwardRate(new Jacobians(k, m, data), u), 1e-13);
        // a product of 200 Jacobians of norm ~10 would overflow unscaled; the scaled product does not
        double[] big = new double[200 * m * m];
        for (int t = 0; t < 200; t++) for (int i = 0; i < m; i++) big[t * m * m + i * m + i] = 1e3;
        assertEquals(1e3, StateJacobians.productRadius(new Jacobians(200, m, big)), 1e-9);
    }

    /** A ReLU layer's gradient rate against a direct loop: h ← max(0, W h), g ← Wᵀ D g. */
    @Test
    void reluLayerFollowsItsOwnDerivative() {
        int n = 20, steps = 40;
        Random r = new Random(4);
        double[] w = gaussian(r, n * n, 1.3 / Math.sqrt(n));
        Weights rec = new Weights("m", "relu", 3, RecurrentCell.RNN_RELU, n, w, steps, null);
        LayerReading read = HealthAnalyzer.read(rec);
        long seed = rec.key().hashCode();
        double[] h = new SeededRandom(seed, SeededRandom.Stream.H0).gaussians(n);
        double[] g = new SeededRandom(seed, SeededRandom.Stream.G).unitVector(n);
        List<boolean[]> on = new ArrayList<>();
        for (int s = 0; s < steps; s++) {
            double[] z = new double[n];
            boolean[] d = new boolean[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) z[i] += w[i * n + j] * h[j];
                d[i] = z[i] > 0;
            }
            for (int i = 0; i < n; i++) h[i] = d[i] ? z[i] : 0;
            on.add(d);
        }
        double[] v = g.clone();
        for (int s = steps - 1; s >= 0; s--) { // g_t = Wᵀ D_t g_{t+1}
            double[] next = new double[n];
            for (int j = 0; j < n; j++) for (int i = 0; i < n; i++) if (on.get(s)[i]) next[j] += w[i * n + j] * v[i];
            v = next;
        }
        double norm = 0;
        for (double x : v) norm += x * x;
        assertEquals(Math.log(Math.sqrt(norm)) / steps, read.nonlinearRate(), 1e-12);
        assertEquals(read.nonlinearRate(), read.regimeRate(), 0);
    }

    /** A gated layer without Jacobians raises no regime alert however its ρ moves, but its ρ trend is forecast. */
    @Test
    void gatedLayerWithoutJacobiansForecastsButDecidesNoRegime() {
        int h = 4;
        LayerState s = new LayerState();
        List<Alert> alerts = new ArrayList<>();
        for (int step = 0; step < 10; step++) {
            double[] w = new double[3 * h * h];
            for (int i = 0; i < h; i++) w[2 * h * h + i * h + i] = 0.8 + 0.02 * step; // the n gate's ρ rises
            LayerReading read = HealthAnalyzer.read(new Weights("m", "gru", 100L * step, RecurrentCell.GRU, h, w, 50, null));
            RegimeTracker.Update u = RegimeTracker.update(s, read, MonitorSettings.defaults());
            assertNull(u.regime());
            alerts.addAll(u.alerts());
        }
        assertFalse(alerts.isEmpty(), "a rising gate ρ is forecast");
        assertTrue(alerts.stream().allMatch(a -> a.kind().equals("forecast") && a.from() == null), alerts.toString());
        // with Jacobians the same layer gets a regime, from their rate
        double[] jac = new double[2 * h * h];
        for (int i = 0; i < h; i++) jac[i * h + i] = jac[h * h + i * h + i] = 2.0;
        double[] w = new double[3 * h * h];
        LayerReading read = HealthAnalyzer.read(new Weights("m", "gru", 5000, RecurrentCell.GRU, h, w, 50, new Jacobians(2, h, jac)));
        assertEquals(Math.log(2), read.regimeRate(), 1e-15);
        assertEquals(org.spectralflow.model.Regime.EXPLODING, RegimeTracker.update(s, read, MonitorSettings.defaults()).regime());
    }
}
