package org.spectralflow.math;

import java.util.Arrays;
import org.spectralflow.model.Spectrum;

/** Computes spectra: all eigenvalues, the dominant eigenvector of Wᵀ, σ₁ and the derived numbers. */
public final class Spectra {
    /** Moduli closer than this, relative to ρ, count as tied. */
    public static final double TIE_TOLERANCE = 1e-10;

    private Spectra() {}

    /** Which eigen-solver ran: the class name of the LAPACK implementation. */
    public static String solver() {
        return Lapack.implementation();
    }

    /** Eigenvalues of W (row-major n×n), ordered as in {@link Spectrum}: {re, im}. */
    public static double[][] eigenvalues(double[] w, int n) {
        requireFinite(w, n);
        double[] a = w.clone();
        Lapack.Balance b = Lapack.balance(n, a);
        Lapack.hessenberg(n, b, a);
        double[] wr = new double[n], wi = new double[n];
        Lapack.hessenbergEigenvalues(n, b, a, wr, wi);
        Integer[] order = order(wr, wi);
        return new double[][] {permute(wr, order), permute(wi, order)};
    }

    /** Spectral radius of W. */
    public static double radius(double[] w, int n) {
        double[][] ev = eigenvalues(w, n);
        return n == 0 ? 0 : Math.hypot(ev[0][0], ev[1][0]);
    }

    /** The full spectrum of W, with the dominant eigenvector of B = Wᵀ. */
    public static Spectrum analyze(double[] w, int n) {
        requireFinite(w, n);
        // Row-major W read as column-major is B = Wᵀ: LAPACK sees B, whose spectrum is W's.
        double[] a = w.clone();
        Lapack.Balance b = Lapack.balance(n, a);
        double[] tau = Lapack.hessenberg(n, b, a);
        double[] hess = new double[n * n];
        for (int j = 0; j < n; j++)
            for (int i = 0; i <= Math.min(n - 1, j + 1); i++) hess[j * n + i] = a[j * n + i];
        double[] h = hess.clone();
        double[] wr = new double[n], wi = new double[n];
        Lapack.hessenbergEigenvalues(n, b, h, wr, wi);
        Integer[] order = order(wr, wi);
        int k = order[0];
        if (wi[k] < 0) k--; // LAPACK stores a pair with the positive imaginary part first
        double[][] x = Lapack.eigenvector(n, b, hess, a, tau, wr, wi, k);
        double[] re = permute(wr, order), im = permute(wi, order);

        double rho = Math.hypot(re[0], im[0]);
        double theta = Math.abs(Math.atan2(im[0], re[0]));
        double period = theta == 0 ? Double.POSITIVE_INFINITY : 2 * Math.PI / theta;
        TopSingularValue.Result top = TopSingularValue.of(w, n);
        double sigma1 = top.sigma1();
        double fro2 = Vectors.frobeniusSquared(w);
        double eig2 = 0;
        for (int i = 0; i < n; i++) eig2 += re[i] * re[i] + im[i] * im[i];
        double departure = fro2 == 0 ? 0 : Math.sqrt(Math.max(0, fro2 - eig2)) / Math.sqrt(fro2);
        return new Spectrum(re, im, rho, theta, period, sigma1, departure, sigma1 < 1,
                realDirection(x[0], x[1]), top.vector());
    }

    /**
     * The unit real vector of a complex eigenvector re + i·im: rotate its phase so that its
     * largest component is real and positive (LAPACK's convention), then take the real part.
     */
    static double[] realDirection(double[] re, double[] im) {
        int n = re.length;
        int big = 0;
        double bigMod = -1;
        for (int i = 0; i < n; i++) {
            double m = Math.hypot(re[i], im[i]);
            if (m > bigMod) {
                bigMod = m;
                big = i;
            }
        }
        double[] v = new double[n];
        if (bigMod <= 0) {
            v[0] = 1;
            return v;
        }
        // multiply by conj(x_big)/|x_big| so that x_big becomes real positive
        double c = re[big] / bigMod, s = -im[big] / bigMod;
        for (int i = 0; i < n; i++) v[i] = re[i] * c - im[i] * s;
        double norm = Vectors.norm(v);
        Vectors.scale(v, 1 / norm);
        return v;
    }

    /** Indices of the eigenvalues in the order of DESIGN §3: modulus down, ties by re, then im. */
    static Integer[] order(double[] wr, double[] wi) {
        int n = wr.length;
        double[] mod = new double[n];
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            mod[i] = Math.hypot(wr[i], wi[i]);
            idx[i] = i;
        }
        Arrays.sort(idx, (p, q) -> Double.compare(mod[q], mod[p]));
        double rho = n == 0 ? 0 : mod[idx[0]];
        double tol = TIE_TOLERANCE * rho;
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && mod[idx[start]] - mod[idx[end]] <= tol) end++;
            Arrays.sort(idx, start, end, (p, q) -> {
                int c = Double.compare(wr[q], wr[p]);
                return c != 0 ? c : Double.compare(wi[q], wi[p]);
            });
            start = end;
        }
        return idx;
    }

    private static double[] permute(double[] x, Integer[] order) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) y[i] = x[order[i]];
        return y;
    }

    static void requireFinite(double[] w, int n) {
        if (n <= 0) throw new IllegalArgumentException("matrix size must be positive, got " + n);
        if (w.length != (long) n * n)
            throw new IllegalArgumentException("matrix has " + w.length + " entries, expected n² = " + (long) n * n);
        int bad = Vectors.firstNonFinite(w);
        if (bad >= 0)
            throw new IllegalArgumentException("matrix entry (" + bad / n + "," + bad % n + ") is " + w[bad]);
    }
}
