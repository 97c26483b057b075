package org.spectralflow.math;

/**
 * Runs propagations by one matrix in lockstep: their vectors are the columns of one n×k block, so
 * that each step reads the matrix once for all of them (one BLAS dgemm), where separate products
 * would read it k times and pay k calls' overhead.
 */
final class Lockstep {
    /** One propagation's share of the block: {@link #width()} adjacent columns. */
    interface Part {
        int width();

        /** Writes the start vectors into this part's columns of {@code in}, from column {@code first}. */
        void start(double[] in, int first, int n);

        /**
         * Reads this part's columns of {@code out}, the product after step {@code step} (1-based),
         * and writes the next step's input into its columns of {@code in}.
         */
        void advance(double[] out, double[] in, int first, int n, int step);
    }

    private Lockstep() {}

    /**
     * {@code steps} products by the matrix M whose column-major entries are {@code m}: B = Wᵀ is
     * the row-major W as it is, W needs {@link Vectors#transpose}. Column-major is dgemm's
     * untransposed case, 30 % faster than the transposed one at N = 64. A block of odd width above
     * one gets a zero column: this OpenBLAS took 1.6× as long for 3 columns as for 4 at N = 128 and 256.
     */
    static void run(double[] m, int n, int steps, Part... parts) {
        run(n, (in, out, k) -> Vectors.multiplyColumnMajor(m, n, in, out, k), steps, parts);
    }

    /**
     * {@code steps} products by W, or by Wᵀ when {@code transposed}. A dense W goes through
     * {@link #run(double[], int, int, Part...)} (W itself is transposed once for it).
     */
    static void run(MatrixOperator w, boolean transposed, int steps, Part... parts) {
        int n = w.n();
        if (w instanceof MatrixOperator.Dense d) run(transposed ? d.w() : Vectors.transpose(d.w(), n), n, steps, parts);
        else run(n, transposed ? w::timesTransposedBlock : w::timesBlock, steps, parts);
    }

    /** One step's product: out = M in for column-major n×k blocks. */
    interface Product {
        void apply(double[] in, double[] out, int k);
    }

    private static void run(int n, Product product, int steps, Part... parts) {
        int[] first = new int[parts.length];
        int k = 0;
        for (int i = 0; i < parts.length; i++) {
            first[i] = k;
            k += parts[i].width();
        }
        if (k > 1 && k % 2 != 0) k++;
        double[] in = new double[k * n], out = new double[k * n];
        for (int i = 0; i < parts.length; i++) parts[i].start(in, first[i], n);
        for (int s = 1; s <= steps; s++) {
            product.apply(in, out, k);
            for (int i = 0; i < parts.length; i++) parts[i].advance(out, in, first[i], n, s);
        }
    }
}
