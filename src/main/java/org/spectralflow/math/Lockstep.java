package org.spectralflow.math;

/**
 * Runs propagations by one matrix in lockstep: their vectors are the columns of one n×k block, so
 * that each step reads W once for all of them (one BLAS dgemm), where separate products would
 * read it k times and pay k calls' overhead.
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

    /** {@code steps} products by W, or by B = Wᵀ when {@code transposed}. */
    static void run(double[] w, int n, boolean transposed, int steps, Part... parts) {
        int[] first = new int[parts.length];
        int k = 0;
        for (int i = 0; i < parts.length; i++) {
            first[i] = k;
            k += parts[i].width();
        }
        double[] in = new double[k * n], out = new double[k * n];
        for (int i = 0; i < parts.length; i++) parts[i].start(in, first[i], n);
        for (int s = 1; s <= steps; s++) {
            if (transposed) Vectors.multiplyTransposed(w, n, in, out, k);
            else Vectors.multiply(w, n, in, out, k);
            for (int i = 0; i < parts.length; i++) parts[i].advance(out, in, first[i], n, s);
        }
    }
}
