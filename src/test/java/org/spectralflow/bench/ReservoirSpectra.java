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
 * The spectralflow side of bench/reservoir.sh: for each .npz file, the wall time of its Krylov
 * spectrum (ρ and the other five of the six largest moduli, B's dominant eigenvector, σ₁ left out:
 * what SciPy's eigs computes) after one untimed warm-up on the first file; prints
 * "file seconds rho converged products" a line.
 */
public final class ReservoirSpectra {
    private ReservoirSpectra() {}

    public static void main(String[] args) throws Exception {
        boolean warm = false;
        for (String f : args) {
            SparseMatrix w = NpzFiles.readSparse(Files.readAllBytes(Path.of(f)), Limits.MAX_SPARSE_N);
            MatrixOperator op = MatrixOperator.of(w);
            if (!warm) {
                KrylovSpectra.eigenvalues(op, KrylovSpectra.DEFAULT_K); // JIT warm-up, untimed
                warm = true;
            }
            long t0 = System.nanoTime();
            Spectrum s = KrylovSpectra.eigenvalues(op, KrylovSpectra.DEFAULT_K);
            double seconds = (System.nanoTime() - t0) / 1e9;
            System.out.printf(java.util.Locale.ROOT, "%s %.4f %.17g %s %d%n", Path.of(f).getFileName(), seconds, s.rho(),
                    s.krylov().converged(), s.krylov().products());
        }
    }
}
