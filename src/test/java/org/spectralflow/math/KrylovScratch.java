package org.spectralflow.math;

import org.spectralflow.model.*;

public class KrylovScratch {
    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        String ens = args[1];
        int m = Integer.parseInt(args[2]);
        double density = args.length > 3 ? Double.parseDouble(args[3]) : 1;
        for (long seed = 1; seed <= 5; seed++) {
            double[] w = MatrixGenerator.generate(new MatrixRecipe(Ensemble.parse(ens), n, density, Scaling.GAIN, 1.0), seed);
            MatrixOperator op = MatrixOperator.of(SparseMatrix.of(new DenseMatrix(n, w)));
            long t0 = System.nanoTime();
            double[][] ev = Spectra.eigenvalues(w, n);
            long t1 = System.nanoTime();
            KrylovSchur.Result r = KrylovSchur.largest(op, 6, m, 1e-10 * op.frobeniusNorm(), 2000, seed);
            long t2 = System.nanoTime();
            StringBuilder sb = new StringBuilder();
            double maxErr = 0;
            for (int i = 0; i < 6; i++) maxErr = Math.max(maxErr, Math.hypot(r.re()[i] - ev[0][i], r.im()[i] - ev[1][i]));
            System.out.printf("seed %d dense %.1f ms krylov %.1f ms restarts %d products %d conv %s res %.2e  rho %.15f vs %.15f  maxerr6 %.2e%n",
                    seed, (t1 - t0) / 1e6, (t2 - t1) / 1e6, r.restarts(), r.products(), r.converged(), r.residual(),
                    Math.hypot(r.re()[0], r.im()[0]), Math.hypot(ev[0][0], ev[1][0]), maxErr);
        }
    }
}
