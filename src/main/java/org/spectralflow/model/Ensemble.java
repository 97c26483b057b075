package org.spectralflow.model;

/** The random-matrix ensembles of DESIGN §3. */
public enum Ensemble implements WireEnum {
    GAUSSIAN, UNIFORM, SPARSE, ORTHOGONAL, GIVEN;

    @Override
    public String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Ensemble parse(String word) {
        return WireEnum.parse(Ensemble.class, word, "ensemble");
    }
}
