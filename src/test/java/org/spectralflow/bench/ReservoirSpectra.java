package org.spectralflow.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.spectralflow.codec.NpzFiles;
import org.spectralflow.math.KrylovSpectra;
import org.spectralflow.math.MatrixOperator;
import org.spectralflow.model.Limits;
import org.spectralflow.model.SparseMatrix;
import org.spectralflow.model.Spectrum;

/**
 * The spectralflow side of bench/reservoir.sh: for each .npz file, the wall time of ρ alone
 * ({@link KrylovSpectra#radius}, what SciPy's eigs(k=1) computes) and of the six largest moduli
 * with B's dominant eigenvector (σ₁ left out: what a sweep's spectrum needs), after one untimed
 * warm-up of each on the first file; prints "file seconds rho converged products six-seconds
 * six-rho six-converged" a line.
 */
public final class ReservoirSpectra {
    private ReservoirSpectra() {}

    public static void main(String[] args) throws Exception {
        boolean warm = false;
        for (String f : args) {
            SparseMatrix w = NpzFiles.readSparse(Files.readAllBytes(Path.of(f)), Limits.MAX_SPARSE_N);
            MatrixOperator op = MatrixOperator.of(w);
            if (!warm) { // JIT warm-up, untimed
                KrylovSpectra.radius(op);
                KrylovSpectra.eigenvalues(op, KrylovSpectra.DEFAULT_K);
                warm = true;
            }
            long t0 = System.nanoTime();
            Spectrum r = KrylovSpectra.radius(op);
            long t1 = System.nanoTime();
            Spectrum s = KrylovSpectra.eigenvalues(op, KrylovSpectra.DEFAULT_K);
            long t2 = System.nanoTime();
            System.out.printf(java.util.Locale.ROOT, "%s %.4f %.17g %s %d %.4f %.17g %s%n", Path.of(f).getFileName(), (t1 - t0) / 1e9,
                    r.rho(), r.krylov().converged(), r.krylov().products(), (t2 - t1) / 1e9, s.rho(), s.krylov().converged());
        }
    }
}
