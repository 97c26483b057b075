package org.spectralflow.model;

import java.util.List;

/** Which finite-precision experiments of DESIGN §3 a request asks for. */
public enum Precision implements WireEnum {
    NONE("none", List.of()), F32("f32", List.of(Format.F32)), F64("f64", List.of(Format.F64)),
    BOTH("both", List.of(Format.F32, Format.F64));

    private final String wire;
    private final List<Format> formats;

    Precision(String wire, List<Format> formats) {
        this.wire = wire;
        this.formats = formats;
    }

    @Override
    public String wire() {
        return wire;
    }

    public List<Format> formats() {
        return formats;
    }

    public static Precision parse(String word) {
        return WireEnum.parse(Precision.class, word, "precision");
    }

    /** An IEEE-754 binary format. */
    public enum Format {
        F32("f32", 0x1.0p-23, Float.MIN_NORMAL), F64("f64", 0x1.0p-52, Double.MIN_NORMAL);

        public final String wire;
        public final double epsilon;
        public final double minNormal;

        Format(String wire, double epsilon, double minNormal) {
            this.wire = wire;
            this.epsilon = epsilon;
            this.minNormal = minNormal;
        }
    }
}
