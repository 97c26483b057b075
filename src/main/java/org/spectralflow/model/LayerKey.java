package org.spectralflow.model;

/**
 * The Kafka key of one layer's records ({@code sf.weights}, {@code sf.health}, {@code sf.alerts}):
 * model and layer, each with '%' and '/' percent-encoded, joined by '/'. Two different (model,
 * layer) pairs never share a key ("a/b" + "c" is {@code a%2Fb/c}, "a" + "b/c" is {@code a/b%2Fc}),
 * and the usual names, which hold neither character, read as plain {@code model/layer}.
 */
public final class LayerKey {
    private LayerKey() {}

    public static String of(String model, String layer) {
        return escape(model) + "/" + escape(layer);
    }

    static String escape(String s) {
        return s.indexOf('%') < 0 && s.indexOf('/') < 0 ? s : s.replace("%", "%25").replace("/", "%2F");
    }
}
