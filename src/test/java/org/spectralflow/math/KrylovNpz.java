package org.spectralflow.math;

import org.spectralflow.model.*;

public class KrylovNpz {
    public static void main(String[] args) throws Exception {
        SparseMatrix s = org.spectralflow.codec.NpzFiles.readSparse(java.nio.file.Files.readAllBytes(java.nio.file.Path.of(args[0])), 1_000_000);
        int m = Integer.parseInt(args[1]);
        int k = Integer.parseInt(args[2]);
        double tolf = args.length > 3 ? Double.parseDouble(args[3]) : 1e-10;
        MatrixOperator op = MatrixOperator.of(s);
        for (int rep = 0; rep < 3; rep++) {
            long t1 = System.nanoTime();
            KrylovSchur.Result r = KrylovSchur.largest(op.transposed(), k, m, tolf * op.frobeniusNorm(), 2000, 7);
            long t2 = System.nanoTime();
            System.out.printf("krylov %.1f ms restarts %d products %d conv %s res %.2e rho %.15f  |l|: ", (t2 - t1) / 1e6, r.restarts(), r.products(), r.converged(), r.residual(), Math.hypot(r.re()[0], r.im()[0]));
            for (int i = 0; i < r.re().length; i++) System.out.printf("%.12f ", Math.hypot(r.re()[i], r.im()[i]));
            System.out.println();
        }
    }
}
