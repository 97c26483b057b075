package org.spectralflow.codec;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import org.spectralflow.model.Activation;
import org.spectralflow.model.Weights;

/**
 * Hostile and careless records for the decoders and the jobs: hand-written members of every error
 * class we know of (malformed JSON, strict UTF-8, duplicate keys, case variants, non-integral
 * integers, limits on sizes, counts and names, huge keys), plus seeded mutations of valid records
 * (byte flips, cuts, insertions, fields replaced by values of other types and boundary values).
 * Mutations may leave a record valid; a test asserts totality, not that every record is rejected.
 */
public final class HostileCorpus {
    /** One record as it would arrive from Kafka. */
    public record Entry(String name, byte[] key, byte[] value) {}

    private HostileCorpus() {}

    public static String validSpec() {
        return "{\"v\":1,\"sweep\":\"hc\",\"id\":\"hc/0/0\",\"cell\":0,\"cell_trials\":4,\"trial\":0,\"seed\":42,"
                + "\"ensemble\":\"gaussian\",\"n\":6,\"scaling\":\"radius\",\"scale\":0.9,\"activation\":\"tanh\",\"steps\":20}";
    }

    public static String validWeights() {
        double[] w = new double[16];
        for (int i = 0; i < 16; i++) w[i] = 0.1 * Math.sin(i + 1);
        return Json.compact(WeightsCodec.encode(new Weights("hm", "rnn.weight_hh_l0", 100, 4, w, Activation.TANH, 30), "f64"));
    }

    /** Hostile spec records: the hand-written classes, then {@code mutations} seeded mutations. */
    public static List<Entry> specs(long seed, int mutations) {
        String good = validSpec();
        List<Entry> out = new ArrayList<>(common(good));
        String[][] replace = {
                {"\"cell_trials\":4", "\"cell_trials\":274877906944"}, {"\"cell_trials\":4", "\"cell_trials\":1000000001"},
                {"\"cell_trials\":4", "\"cell_trials\":0"}, {"\"cell_trials\":4", "\"cell_trials\":-1"},
                {"\"trial\":0", "\"trial\":4"}, {"\"trial\":0", "\"trial\":-1"}, {"\"trial\":0", "\"trial\":0,\"trials\":2"},
                {"\"trial\":0", "\"trial\":1,\"trials\":4"}, {"\"trial\":0", "\"trial\":0,\"trials\":-2"}, {"\"cell\":0", "\"cell\":-3"},
                {"\"n\":6", "\"n\":0"}, {"\"n\":6", "\"n\":-6"}, {"\"n\":6", "\"n\":2147483648"}, {"\"n\":6", "\"n\":1e400"},
                {"\"n\":6", "\"n\":\"6\""}, {"\"n\":6", "\"n\":6.0"}, {"\"n\":6", "\"n\":6.5"}, {"\"n\":6", "\"n\":1e1"},
                {"\"n\":6", "\"n\":100000"}, {"\"n\":6", "\"n\":[6]"}, {"\"n\":6", "\"n\":null"},
                {"\"steps\":20", "\"steps\":10000000"}, {"\"steps\":20", "\"steps\":0"},
                {"\"ensemble\":\"gaussian\"", "\"ensemble\":\"GAUSSIAN\""}, {"\"ensemble\":\"gaussian\"", "\"ensemble\":\" gaussian\""},
                {"\"ensemble\":\"gaussian\"", "\"ensemble\":\"cauchy\""}, {"\"activation\":\"tanh\"", "\"activation\":\"TANH\""},
                {"\"activation\":\"tanh\"", "\"activation\":\"identity\""}, {"\"scaling\":\"radius\"", "\"scaling\":\"Radius\""},
                {"\"scale\":0.9", "\"scale\":-1"}, {"\"scale\":0.9", "\"scale\":Infinity"}, {"\"scale\":0.9", "\"scale\":NaN"},
                {"\"scale\":0.9", "\"scale\":1e400"}, {"\"seed\":42", "\"seed\":18446744073709551616"},
                {"\"seed\":42", "\"seed\":4.2e1"}, {"\"v\":1", "\"v\":2"}, {"\"v\":1", "\"v\":\"1\""}, {"\"v\":1", "\"v\":1.0"},
                {"\"sweep\":\"hc\"", "\"sweep\":\"../../etc\""}, {"\"sweep\":\"hc\"", "\"sweep\":\"a/b\""},
                {"\"sweep\":\"hc\"", "\"sweep\":\"\""}, {"\"sweep\":\"hc\"", "\"sweep\":\"..\""},
                {"\"sweep\":\"hc\"", "\"sweep\":\"h\\u0000c\""}, {"\"sweep\":\"hc\"", "\"sweep\":\"h\\ud800c\""},
                {"\"id\":\"hc/0/0\"", "\"id\":\"" + "x".repeat(300) + "\""},
                {"\"seed\":42", "\"seed\":42,\"sweep_seed\":7"},
                {"\"n\":6", "\"n\":512,\"precision\":\"f32\",\"precision_budget\":100000000"},
                {"\"seed\":42", "\"seed\":42,\"precision\":\"F32\""}, {"\"seed\":42", "\"seed\":42,\"jacobian\":\"Independent\""},
                {"\"seed\":42", "\"seed\":42,\"density\":0"}, {"\"seed\":42", "\"seed\":42,\"density\":1.5"},
                {"\"seed\":42", "\"seed\":42,\"bias_std\":-1"}, {"\"seed\":42", "\"seed\":42,\"delta\":0"},
                {"\"seed\":42", "\"seed\":42,\"explode\":1"}, {"\"seed\":42", "\"seed\":42,\"bin_width\":0"},
                {"\"seed\":42", "\"seed\":42,\"n\":7"}, // duplicate key
                {"\"ensemble\":\"gaussian\"", "\"ensemble\":\"given\",\"data\":[1,2,3]"},
                {"\"ensemble\":\"gaussian\"", "\"ensemble\":\"given\",\"data\":\"1,2\""},
                {"\"ensemble\":\"gaussian\"", "\"ensemble\":\"given\",\"data_b64\":\"@@@@\""},
                {"\"ensemble\":\"gaussian\"", "\"ensemble\":\"given\",\"dtype\":\"f16\",\"data_b64\":\"AAAA\""},
                {"\"ensemble\":\"gaussian\"", "\"ensemble\":\"given\",\"data_b64\":\"" + nanMatrix(6) + "\""},
                {"\"ensemble\":\"gaussian\"", "\"ensemble\":\"given\",\"data\":[" + "0,".repeat(35) + "0]"}, // ρ = 0 with radius scaling
        };
        for (String[] r : replace) out.add(entry("spec " + r[1], "hc/0/0", good.replace(r[0], r[1])));
        for (String f : new String[] {"v", "sweep", "id", "cell", "cell_trials", "trial", "seed", "ensemble", "n", "scaling", "scale",
                "activation", "steps"})
            out.add(entry("spec without " + f, "hc/0/0", good.replaceFirst("\"" + f + "\":(\"[^\"]*\"|[^,}]*),?", "")));
        out.addAll(mutations(good, seed, mutations));
        return out;
    }

    /** Hostile weights records: the hand-written classes, then {@code mutations} seeded mutations. */
    public static List<Entry> weights(long seed, int mutations) {
        String good = validWeights();
        List<Entry> out = new ArrayList<>(common(good));
        String[][] replace = {
                {"\"step\":100", "\"step\":-1"}, {"\"step\":100", "\"step\":100.5"}, {"\"step\":100", "\"step\":1e2"},
                {"\"step\":100", "\"step\":100.0"}, {"\"n\":4", "\"n\":16"}, {"\"n\":4", "\"n\":2"}, {"\"n\":4", "\"n\":0"},
                {"\"n\":4", "\"n\":5000"}, {"\"horizon\":30", "\"horizon\":0"}, {"\"horizon\":30", "\"horizon\":10000000"},
                {"\"cell\":\"rnn_tanh\"", "\"cell\":\"rnn_tanh\",\"activation\":\"Tanh\""},
                {"\"cell\":\"rnn_tanh\"", "\"cell\":\"rnn_tanh\",\"activation\":\"relu6\""},
                {"\"cell\":\"rnn_tanh\"", "\"cell\":\"rnn_tanh\",\"activation\":\"linear\""},
                {"\"cell\":\"rnn_tanh\"", "\"cell\":\"Rnn_tanh\""}, {"\"cell\":\"rnn_tanh\"", "\"cell\":\"lstm\""},
                {"\"cell\":\"rnn_tanh\"", "\"cell\":\"gru\",\"rows\":12"}, {"\"cell\":\"rnn_tanh\"", "\"cell\":\"rnn_tanh\",\"rows\":8"},
                {"\"cell\":\"rnn_tanh\"", "\"cell\":\"rnn_relu\",\"activation\":\"tanh\""}, {"\"cell\":\"rnn_tanh\"", "\"cell\":7"},
                {"\"horizon\":30", "\"horizon\":30,\"m\":4"}, {"\"horizon\":30", "\"horizon\":30,\"m\":4,\"jacobians\":[1,2,3]"},
                {"\"horizon\":30", "\"horizon\":30,\"jacobians\":[" + "0,".repeat(15) + "0]"},
                {"\"horizon\":30", "\"horizon\":30,\"m\":5,\"jacobians\":[" + "0,".repeat(24) + "0]"},
                {"\"horizon\":30", "\"horizon\":30,\"m\":4,\"jacobians\":[" + "0,".repeat(15) + "\"NaN\"]"},
                {"\"horizon\":30", "\"horizon\":30,\"m\":4,\"jacobians_b64\":\"!!\""},
                {"\"horizon\":30", "\"horizon\":30,\"m\":4,\"jacobians\":[]"},
                {"\"horizon\":30", "\"horizon\":30,\"m\":4,\"jacobians\":[" + "1e308,".repeat(15) + "1e309]"},
                {"\"horizon\":30", "\"horizon\":30,\"m\":4,\"jacobians_b64\":\"" + "A".repeat((1 << 22) + 1) + "\""},
                {"\"dtype\":\"f64\"", "\"dtype\":\"f16\""}, {"\"dtype\":\"f64\"", "\"dtype\":\"F64\""},
                {"\"dtype\":\"f64\"", "\"dtype\":\"f32\""}, {"\"model\":\"hm\"", "\"model\":\"" + "m".repeat(1 << 20) + "\""},
                {"\"layer\":\"rnn.weight_hh_l0\"", "\"layer\":\"rnn\\u0007\""},
                {"\"layer\":\"rnn.weight_hh_l0\"", "\"layer\":\"" + "l".repeat(257) + "\""},
                {"\"model\":\"hm\"", "\"model\":\"hm\",\"model\":\"other\""}, {"\"v\":1", "\"v\":0"},
                {"\"model\":\"hm\"", "\"model\":7"}, {"\"data_b64\":\"", "\"data_b64\":\"!"},
        };
        for (String[] r : replace) out.add(entry("weights " + r[1].substring(0, Math.min(40, r[1].length())), "hm/rnn", good.replace(r[0], r[1])));
        for (String f : new String[] {"v", "model", "layer", "step", "n", "data_b64"})
            out.add(entry("weights without " + f, "hm/rnn", good.replaceFirst("\"" + f + "\":(\"[^\"]*\"|[^,}]*),?", "")));
        out.addAll(mutations(good, seed, mutations));
        return out;
    }

    /** Classes that break any record: not JSON, not an object, bad UTF-8, hostile keys. */
    private static List<Entry> common(String good) {
        List<Entry> out = new ArrayList<>();
        out.add(new Entry("empty", bytes("k"), new byte[0]));
        out.add(new Entry("tombstone", bytes("k"), null));
        for (String s : new String[] {" ", "null", "[]", "123", "\"x\"", "{", "{\"v\":1,", good + "}", good + " {}", "{'v':1}",
                "[".repeat(100_000), "{\"v\":" + "9".repeat(5000) + "}", "\uFEFF" + good})
            out.add(entry("text " + s.substring(0, Math.min(20, s.length())), "k", s));
        byte[] g = bytes(good);
        int quote = good.indexOf("\"", good.indexOf(":\"") + 1) - 1; // inside the first string value
        out.add(new Entry("overlong '/' (C0 AF)", bytes("k"), splice(g, quote, new byte[] {(byte) 0xC0, (byte) 0xAF})));
        out.add(new Entry("CESU-8 surrogate (ED A0 80)", bytes("k"), splice(g, quote, new byte[] {(byte) 0xED, (byte) 0xA0, (byte) 0x80})));
        out.add(new Entry("truncated 3-byte sequence", bytes("k"), splice(g, quote, new byte[] {(byte) 0xE2, (byte) 0x82})));
        out.add(new Entry("F5 byte", bytes("k"), splice(g, quote, new byte[] {(byte) 0xF5, (byte) 0x80, (byte) 0x80, (byte) 0x80})));
        out.add(new Entry("Latin-1 é", bytes("k"), splice(g, quote, new byte[] {(byte) 0xE9})));
        byte[] controlKey = new byte[2 << 20];
        new SplittableRandom(5).nextBytes(controlKey);
        for (int i = 0; i < controlKey.length; i++) controlKey[i] &= 0x1F;
        out.add(new Entry("2 MiB key of control bytes, bad value", controlKey, bytes("{\"v\":1")));
        out.add(new Entry("no key, bad value", null, bytes("{}")));
        byte[] binary = new byte[4096];
        new SplittableRandom(6).nextBytes(binary);
        out.add(new Entry("binary garbage", binary, binary));
        return out;
    }

    /** Seeded mutations of a valid record. */
    static List<Entry> mutations(String good, long seed, int count) {
        SplittableRandom rnd = new SplittableRandom(seed);
        String[] values = {"null", "true", "\"\"", "\"x\"", "[]", "{}", "-1", "0", "1.5", "1e308", "-1e308", "9223372036854775807",
                "9223372036854775808", "-9223372036854775809", "NaN", "Infinity", "\"\\u0000\"", "\"\\ud800\"", "[1,2]", "4096", "4097"};
        List<Entry> out = new ArrayList<>();
        byte[] g = bytes(good);
        for (int i = 0; i < count; i++) {
            byte[] m;
            switch (rnd.nextInt(6)) {
                case 0 -> { // flip bits of a few bytes
                    m = g.clone();
                    for (int k = 1 + rnd.nextInt(3); k > 0; k--) m[rnd.nextInt(m.length)] ^= (byte) (1 << rnd.nextInt(8));
                }
                case 1 -> m = Arrays.copyOf(g, rnd.nextInt(g.length)); // truncate
                case 2 -> { // delete a span
                    int a = rnd.nextInt(g.length), b = Math.min(g.length, a + 1 + rnd.nextInt(8));
                    m = splice(Arrays.copyOf(g, a), a, Arrays.copyOfRange(g, b, g.length));
                }
                case 3 -> { // insert a random byte
                    int a = rnd.nextInt(g.length);
                    m = splice(g, a, new byte[] {(byte) rnd.nextInt(256)});
                }
                default -> { // replace one field's value by a value of another kind
                    String[] parts = good.substring(1, good.length() - 1).split(",(?=\")");
                    int f = rnd.nextInt(parts.length);
                    String name = parts[f].substring(0, parts[f].indexOf(':'));
                    parts[f] = name + ":" + values[rnd.nextInt(values.length)];
                    m = bytes("{" + String.join(",", parts) + "}");
                }
            }
            out.add(new Entry("mutation " + i, bytes("k" + i), m));
        }
        return out;
    }

    private static String nanMatrix(int n) {
        ByteBuffer b = ByteBuffer.allocate(n * n * 8).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < n * n; i++) b.putDouble(i == 7 ? Double.NaN : 0.5);
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** b with {@code insert} put in at offset {@code at}. */
    static byte[] splice(byte[] b, int at, byte[] insert) {
        byte[] out = new byte[b.length + insert.length];
        System.arraycopy(b, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(b, at, out, at + insert.length, b.length - at);
        return out;
    }

    private static Entry entry(String name, String key, String value) {
        return new Entry(name, bytes(key), bytes(value));
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
