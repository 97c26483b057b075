package org.spectralflow.math;

import dev.ludovic.netlib.lapack.LAPACK;
import org.netlib.util.intW;

/**
 * The LAPACK routines the spectrum needs, through dev.ludovic.netlib: JNI to the system LAPACK
 * where one is installed, its pure-Java translation otherwise. All matrices are column-major.
 */
final class Lapack {
    private static final LAPACK L = LAPACK.getInstance();

    private Lapack() {}

    /** The implementation in use, for the README's "which one ran" and the benchmark tables. */
    static String implementation() {
        return L.getClass().getSimpleName();
    }

    /**
     * Thin QR of the column-major m×k matrix a (m ≥ k), in place: on return a holds Q (m×k,
     * orthonormal columns) and r the k diagonal entries of R, signs as LAPACK leaves them.
     */
    static void thinQr(int m, int k, double[] a, double[] r) {
        double[] tau = new double[k], query = new double[1];
        intW info = new intW(0);
        L.dgeqrf(m, k, a, m, tau, query, -1, info);
        double[] work = new double[Math.max(k, (int) query[0])];
        L.dgeqrf(m, k, a, m, tau, work, work.length, info);
        check("dgeqrf", info);
        for (int i = 0; i < k; i++) r[i] = a[i * m + i];
        L.dorgqr(m, k, k, a, m, tau, query, -1, info);
        if (work.length < query[0]) work = new double[(int) query[0]];
        L.dorgqr(m, k, k, a, m, tau, work, work.length, info);
        check("dorgqr", info);
    }

    /** Result of balancing: the index range of the non-isolated part and the scaling/permutation. */
    record Balance(int ilo, int ihi, double[] scale) {}

    static Balance balance(int n, double[] a) {
        intW ilo = new intW(0), ihi = new intW(0), info = new intW(0);
        double[] scale = new double[n];
        L.dgebal("B", n, a, Math.max(1, n), ilo, ihi, scale, info);
        check("dgebal", info);
        return new Balance(ilo.val, ihi.val, scale);
    }

    /** Reduces a to Hessenberg form in place; returns the reflectors' scalars. */
    static double[] hessenberg(int n, Balance b, double[] a) {
        double[] tau = new double[Math.max(1, n - 1)];
        intW info = new intW(0);
        double[] query = new double[1];
        L.dgehrd(n, b.ilo(), b.ihi(), a, Math.max(1, n), tau, query, -1, info);
        double[] work = new double[Math.max(1, (int) query[0])];
        L.dgehrd(n, b.ilo(), b.ihi(), a, Math.max(1, n), tau, work, work.length, info);
        check("dgehrd", info);
        return tau;
    }

    /** Eigenvalues of a Hessenberg matrix (destroyed); wr, wi receive them. */
    static void hessenbergEigenvalues(int n, Balance b, double[] h, double[] wr, double[] wi) {
        intW info = new intW(0);
        double[] z = new double[1];
        double[] query = new double[1];
        L.dhseqr("E", "N", n, b.ilo(), b.ihi(), h, Math.max(1, n), wr, wi, z, 1, query, -1, info);
        double[] work = new double[Math.max(Math.max(1, n), (int) query[0])];
        L.dhseqr("E", "N", n, b.ilo(), b.ihi(), h, Math.max(1, n), wr, wi, z, 1, work, work.length, info);
        if (info.val > 0)
            // a property of the input (entries at the edge of the double range), not a fault: the record is rejected
            throw new IllegalArgumentException("the eigenvalue QR algorithm did not converge on this matrix (dhseqr info "
                    + info.val + "; are its entries near the limits of double precision?)");
        check("dhseqr", info);
    }

    /**
     * The right eigenvector of the original matrix for eigenvalue {@code k} (the first of its pair
     * when complex): inverse iteration on the Hessenberg matrix, then back through the reflectors
     * and the balancing. Returns the real part and, for a complex eigenvalue, the imaginary part.
     */
    static double[][] eigenvector(int n, Balance b, double[] hess, double[] reflectors, double[] tau,
                                  double[] wr, double[] wi, int k) {
        boolean complex = wi[k] != 0;
        int m = complex ? 2 : 1;
        boolean[] select = new boolean[n];
        select[k] = true;
        double[] vr = new double[n * m];
        double[] vl = new double[1];
        double[] work = new double[(n + 2) * n];
        int[] ifaill = new int[m], ifailr = new int[m];
        intW used = new intW(0), info = new intW(0);
        L.dhsein("R", "Q", "N", select, n, hess, n, wr.clone(), wi.clone(), vl, 1, vr, n, m, used,
                work, ifaill, ifailr, info);
        if (info.val < 0) check("dhsein", info);
        double[] query = new double[1];
        L.dormhr("L", "N", n, m, b.ilo(), b.ihi(), reflectors, n, tau, vr, n, query, -1, info);
        double[] w2 = new double[Math.max(m, (int) query[0])];
        L.dormhr("L", "N", n, m, b.ilo(), b.ihi(), reflectors, n, tau, vr, n, w2, w2.length, info);
        check("dormhr", info);
        L.dgebak("B", "R", n, b.ilo(), b.ihi(), b.scale(), m, vr, n, info);
        check("dgebak", info);
        double[] re = java.util.Arrays.copyOfRange(vr, 0, n);
        double[] im = complex ? java.util.Arrays.copyOfRange(vr, n, 2 * n) : new double[n];
        return new double[][] {re, im};
    }

    /**
     * The largest singular value of B (column-major, destroyed) and the unit right singular
     * vector p with ‖B p‖ = σ₁.
     */
    static TopSingularValue.Result topSingular(int n, double[] b) {
        double[] s = new double[n], u = new double[n * n], vt = new double[n * n];
        int[] iwork = new int[8 * n];
        intW info = new intW(0);
        double[] query = new double[1];
        L.dgesdd("S", n, n, b, n, s, u, n, vt, n, query, -1, iwork, info);
        double[] work = new double[Math.max(1, (int) query[0])];
        L.dgesdd("S", n, n, b, n, s, u, n, vt, n, work, work.length, iwork, info);
        if (info.val > 0)
            throw new IllegalArgumentException("the SVD did not converge on this matrix (dgesdd info " + info.val
                    + "; are its entries near the limits of double precision?)");
        check("dgesdd", info);
        double[] p = new double[n];
        for (int j = 0; j < n; j++) p[j] = vt[j * n]; // first row of Vᵀ
        return new TopSingularValue.Result(s[0], p);
    }

    /**
     * The real Schur form of the column-major m×m matrix t, in place (t becomes quasi-triangular,
     * z its Schur vectors: A = Z T Zᵀ), with the eigenvalues in wr, wi. False when dgees did not converge.
     */
    static boolean schur(int m, double[] t, double[] z, double[] wr, double[] wi) {
        // dgees takes a callback this JNI binding does not implement: Hessenberg, its Q, then dhseqr
        intW info = new intW(0);
        double[] tau = new double[Math.max(1, m - 1)], query = new double[1];
        L.dgehrd(m, 1, m, t, m, tau, query, -1, info);
        double[] work = new double[Math.max(m, (int) query[0])];
        L.dgehrd(m, 1, m, t, m, tau, work, work.length, info);
        check("dgehrd", info);
        System.arraycopy(t, 0, z, 0, m * m);
        L.dorghr(m, 1, m, z, m, tau, work, work.length, info);
        check("dorghr", info);
        for (int j = 0; j < m; j++) for (int i = j + 2; i < m; i++) t[i + j * m] = 0;
        L.dhseqr("S", "V", m, 1, m, t, m, wr, wi, z, m, query, -1, info);
        if (work.length < query[0]) work = new double[(int) query[0]];
        L.dhseqr("S", "V", m, 1, m, t, m, wr, wi, z, m, work, work.length, info);
        if (info.val < 0) check("dhseqr", info);
        return info.val == 0;
    }

    /**
     * Reorders a real Schur form (t, z as {@link #schur} leaves them) so that the selected
     * eigenvalues lead, in place (selecting one of a complex pair selects both); wr, wi follow.
     * Returns how many lead (a swap refused for eigenvalues too close leaves the order as far as it got).
     */
    static int reorderSchur(int m, boolean[] select, double[] t, double[] z, double[] wr, double[] wi) {
        intW count = new intW(0), info = new intW(0);
        org.netlib.util.doubleW s = new org.netlib.util.doubleW(0), sep = new org.netlib.util.doubleW(0);
        double[] work = new double[Math.max(1, m)];
        int[] iwork = new int[1];
        L.dtrsen("N", "V", select, m, t, m, z, m, wr, wi, count, s, sep, work, work.length, iwork, 1, info);
        if (info.val < 0) check("dtrsen", info);
        return count.val;
    }

    /**
     * The right eigenvectors of the leading k×k block of the quasi-triangular t (leading dimension
     * ld), column-major k×k: for a complex pair at j, j + 1 the columns hold the real and the imaginary part.
     */
    static double[] quasiTriangularEigenvectors(int k, double[] t, int ld) {
        double[] block = new double[k * k];
        for (int j = 0; j < k; j++) System.arraycopy(t, j * ld, block, j * k, k);
        double[] vr = new double[k * k], vl = new double[1], work = new double[3 * k];
        intW used = new intW(0), info = new intW(0);
        L.dtrevc("R", "A", null, k, block, k, vl, 1, vr, k, k, used, work, info);
        check("dtrevc", info);
        return vr;
    }

    private static void check(String routine, intW info) {
        if (info.val != 0) throw new IllegalStateException(routine + " failed with info " + info.val);
    }
}
