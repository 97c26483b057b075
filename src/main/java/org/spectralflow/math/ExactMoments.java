package org.spectralflow.math;

import java.math.BigDecimal;
import java.math.MathContext;

/**
 * Count, sum and sum of squares of finite doubles, summed exactly (a double and its square are
 * exact decimals), so the mean and standard deviation do not depend on order or partitioning.
 * A Flink POJO: public fields, no-arg constructor.
 */
public class ExactMoments {
    public long n;
    public BigDecimal sum = BigDecimal.ZERO;
    public BigDecimal sumSq = BigDecimal.ZERO;

    public ExactMoments() {}

    /** Adds x when finite; non-finite values are not counted here (callers count them apart). */
    public void add(double x) {
        if (!Double.isFinite(x)) return;
        BigDecimal d = new BigDecimal(x);
        n++;
        sum = sum.add(d);
        sumSq = sumSq.add(d.multiply(d));
    }

    public void merge(ExactMoments o) {
        n += o.n;
        sum = sum.add(o.sum);
        sumSq = sumSq.add(o.sumSq);
    }

    /** Mean, NaN when empty. */
    public double mean() {
        return n == 0 ? Double.NaN : sum.divide(BigDecimal.valueOf(n), MathContext.DECIMAL128).doubleValue();
    }

    /** Sample standard deviation (divisor n − 1); 0 for one value, NaN when empty. */
    public double sd() {
        if (n == 0) return Double.NaN;
        if (n == 1) return 0;
        BigDecimal bn = BigDecimal.valueOf(n);
        BigDecimal num = bn.multiply(sumSq).subtract(sum.multiply(sum));
        BigDecimal var = num.divide(bn.multiply(BigDecimal.valueOf(n - 1)), MathContext.DECIMAL128);
        return Math.sqrt(Math.max(0, var.doubleValue()));
    }
}
