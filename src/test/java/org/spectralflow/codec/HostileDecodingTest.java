package org.spectralflow.codec;

import static org.junit.jupiter.api.Assertions.*;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.spectralflow.model.RecordOrigin;

/**
 * Every decoder is total on hostile input (it returns a value or throws the one exception that
 * means "reject with this reason"), each class of hostile input is rejected for its own reason,
 * and the dead-letter record of any of them stays below 16 KiB.
 */
class HostileDecodingTest {
    static final int MAX_N = 4096;

    interface Decoder {
        void decode(byte[] value);
    }

    /** Runs the decoder; returns null if it accepted, the reason if it rejected; fails on anything else. */
    static String outcome(Decoder d, HostileCorpus.Entry e) {
        try {
            d.decode(e.value());
            return null;
        } catch (IllegalArgumentException reject) {
            assertNotNull(reject.getMessage(), e.name());
            assertTrue(reject.getMessage().length() <= 1000, e.name() + ": reason of " + reject.getMessage().length() + " chars");
            return reject.getMessage();
        } catch (Throwable t) {
            throw new AssertionError(e.name() + ": the decoder threw " + t, t);
        }
    }

    @Test
    void specDecodingIsTotalOnTheCorpus() {
        List<HostileCorpus.Entry> corpus = HostileCorpus.specs(11, 600);
        int rejected = 0;
        for (HostileCorpus.Entry e : corpus) {
            String reason = outcome(v -> SpecCodec.decode(v, MAX_N), e);
            if (reason != null) rejected++;
            else assertTrue(e.name().startsWith("mutation") || e.name().contains("given") || e.name().startsWith("text \uFEFF"),
                    "accepted: " + e.name());
            assertDeadLetterBounded(e, reason == null ? "x".repeat(5000) : reason);
        }
        assertTrue(rejected > corpus.size() / 2, rejected + " of " + corpus.size());
    }

    @Test
    void weightsDecodingIsTotalOnTheCorpus() {
        List<HostileCorpus.Entry> corpus = HostileCorpus.weights(12, 600);
        for (HostileCorpus.Entry e : corpus) {
            String reason = outcome(v -> WeightsCodec.decode(v, MAX_N), e);
            if (reason == null)
                assertTrue(e.name().startsWith("mutation") || e.name().startsWith("text \uFEFF"), "accepted: " + e.name());
            assertDeadLetterBounded(e, reason == null ? "\u0001".repeat(5000) : reason);
        }
    }

    static void assertDeadLetterBounded(HostileCorpus.Entry e, String reason) {
        RecordOrigin o = RecordOrigin.of("sf.specs", 3, 1L << 40, e.key(), e.value());
        byte[] dlq = DeadLetterCodec.encode(o, reason);
        assertTrue(dlq.length <= DeadLetterCodec.MAX_BYTES, e.name() + ": dead letter of " + dlq.length + " bytes");
        JsonNode d;
        try {
            d = new ObjectMapper().readTree(dlq);
        } catch (Exception ex) {
            throw new AssertionError(e.name() + ": dead letter is not JSON", ex);
        }
        assertEquals(e.key() == null ? 0 : e.key().length, d.get("key_bytes").asInt(), e.name());
        assertEquals(e.value() == null ? 0 : e.value().length, d.get("payload_bytes").asInt(), e.name());
        assertTrue(d.get("payload_b64").asText().length() <= 684, e.name());
        assertFalse(d.get("error").asText().isEmpty());
    }

    static String reason(String json) {
        try {
            SpecCodec.decode(json.getBytes(StandardCharsets.UTF_8), MAX_N);
        } catch (IllegalArgumentException e) {
            return e.getMessage();
        }
        return fail("accepted: " + json);
    }

    static void assertReason(String fragment, String json) {
        String r = reason(json);
        assertTrue(r.contains(fragment), "expected '" + fragment + "' in: " + r);
    }

    @Test
    void eachStrictnessClassHasItsOwnReason() {
        String good = HostileCorpus.validSpec();
        assertReason("duplicate key 'n'", good.replace("\"seed\":42", "\"seed\":42,\"n\":7"));
        assertReason("exactly, in lower case", good.replace("\"tanh\"", "\"TANH\""));
        assertReason("exactly, in lower case", good.replace("\"gaussian\"", "\"Gaussian\""));
        assertReason("integer literal", good.replace("\"n\":6", "\"n\":6.0"));
        assertReason("integer literal", good.replace("\"trial\":0", "\"trial\":0.4"));
        assertReason("cell_trials must be in [1, 1000000000]", good.replace("\"cell_trials\":4", "\"cell_trials\":274877906944"));
        // blocks of trials: inside the cell, with the sweep seed their trials' seeds derive from, and its id
        assertReason("trials must be in [1, cell_trials - trial] = [1, 4], got 5", good.replace("\"trial\":0", "\"trial\":0,\"trials\":5"));
        assertReason("trials must be in [1, cell_trials - trial] = [1, 4], got 0", good.replace("\"trial\":0", "\"trial\":0,\"trials\":0"));
        assertReason("a block of 2 trials needs field 'sweep_seed'", good.replace("\"trial\":0", "\"trial\":0,\"trials\":2"));
        long seed = org.spectralflow.model.Seeds.specSeed(7, 0, 0);
        String block = good.replace("\"trial\":0", "\"trial\":0,\"trials\":2").replace("\"seed\":42", "\"seed\":" + seed + ",\"sweep_seed\":7");
        assertReason("id 'hc/0/0' is not 'hc/0/0-1', the id of trials 0 to 1 of cell 0", block);
        org.spectralflow.model.Spec b = SpecCodec.decode(block.replace("\"hc/0/0\"", "\"hc/0/0-1\"").getBytes(StandardCharsets.UTF_8), MAX_N);
        assertEquals(2, b.trials());
        assertEquals(org.spectralflow.model.Seeds.specSeed(7, 0, 1), b.trialSpec(1).seed(), "trial 1 derives its own seed");
        assertEquals("hc/0/1", b.trialSpec(1).id());
        assertEquals(b, SpecCodec.decode(Json.bytes(SpecCodec.encode(b)), MAX_N), "a block survives its encoding");
        // a block may ask for the work one record may: 2^36 multiply-adds; at n = 6, steps = 20 a trial is 10·6³ + 4·20·6² = 5040
        String huge = good.replace("\"cell_trials\":4", "\"cell_trials\":1000000000").replace("\"trial\":0", "\"trial\":0,\"trials\":20000000")
                .replace("\"seed\":42", "\"seed\":" + seed + ",\"sweep_seed\":7").replace("\"hc/0/0\"", "\"hc/0/0-19999999\"");
        assertReason("exceeds the 2^36 one record may ask for: publish at most 13634816 trials a record", huge);
        assertEquals(13_634_816, SpecCodec.decode(huge.replace("20000000", "13634816").replace("hc/0/0-19999999", "hc/0/0-13634815")
                .getBytes(StandardCharsets.UTF_8), MAX_N).trials(), "the most a record may hold is accepted");
        assertReason("10000000 characters long", good.replace("\"sweep\":\"hc\"", "\"sweep\":\"" + "s".repeat(10_000_000) + "\""));
        assertReason("lone surrogate", good.replace("\"sweep\":\"hc\"", "\"sweep\":\"h\\ud800c\""));
        assertReason("control character U+0001", good.replace("\"sweep\":\"hc\"", "\"sweep\":\"h\\u0001c\""));
        assertReason("not a valid sweep name", good.replace("\"sweep\":\"hc\"", "\"sweep\":\"a/b\""));
        assertReason("multiply-adds", good.replace("\"steps\":20", "\"steps\":5000").replace("\"n\":6", "\"n\":4096"));
        assertReason("derived from sweep_seed 7", good.replace("\"seed\":42", "\"seed\":42,\"sweep_seed\":7"));
        byte[] overlong = HostileCorpus.splice(HostileCorpus.bytes(good), good.indexOf("hc/") + 2, new byte[] {(byte) 0xC0, (byte) 0xAF});
        assertThrows(InvalidRecordException.class, () -> SpecCodec.decode(overlong, MAX_N), "C0 AF is not '/'");
        String msg = assertThrows(InvalidRecordException.class, () -> SpecCodec.decode(overlong, MAX_N)).getMessage();
        assertTrue(msg.startsWith("invalid UTF-8 at byte " + (good.indexOf("hc/") + 2)), msg);
    }

    /** A large record is counted before its tree is built: 1.5 million zeros for n = 2 never become nodes. */
    @Test
    void anOversizedArrayIsRefusedBeforeItsTreeIsBuilt() {
        String zeros = "0," .repeat(1_500_000) + "0";
        String weights = "{\"v\":1,\"model\":\"m\",\"layer\":\"l\",\"step\":1,\"n\":2,\"data\":[" + zeros + "]}";
        String msg = assertThrows(InvalidRecordException.class,
                () -> WeightsCodec.decode(weights.getBytes(StandardCharsets.UTF_8), MAX_N)).getMessage();
        assertEquals("field 'data' has more than 16 entries, the most a layer of n = 2 can have (counted before decoding)", msg);
        String dataFirst = "{\"v\":1,\"data\":[" + zeros + "],\"model\":\"m\",\"layer\":\"l\",\"step\":1,\"n\":2}";
        assertEquals("data has 1500001 entries, expected n² = 4", assertThrows(InvalidRecordException.class,
                () -> WeightsCodec.decode(dataFirst.getBytes(StandardCharsets.UTF_8), MAX_N)).getMessage());
        // an n whose square overflows a long is the decoder's to refuse, with the limit it breaks
        String hugeN = weights.replace("\"n\":2", "\"n\":1099511627776");
        String reason = assertThrows(InvalidRecordException.class,
                () -> WeightsCodec.decode(hugeN.getBytes(StandardCharsets.UTF_8), MAX_N)).getMessage();
        assertTrue(reason.contains("above the configured maximum 4096"), reason);
        String many = "{\"v\":1,\"h0\":[" + "1,".repeat(600_000) + "1]}";
        assertTrue(assertThrows(InvalidRecordException.class, () -> SpecCodec.decode(many.getBytes(StandardCharsets.UTF_8), 512))
                .getMessage().startsWith("field 'h0' has more than 262144 entries"));
    }

    @Test
    void strictUtf8AgreesWithTheJdkDecoder() {
        SplittableRandom rnd = new SplittableRandom(3);
        int[] lead = {0x00, 0x41, 0x7F, 0x80, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1, 0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4,
                0xF5, 0xFF, 0x9F, 0xA0, 0x8F, 0x90};
        for (int trial = 0; trial < 200_000; trial++) {
            byte[] b = new byte[1 + rnd.nextInt(6)];
            for (int i = 0; i < b.length; i++) b[i] = (byte) (rnd.nextInt(3) == 0 ? rnd.nextInt(256) : lead[rnd.nextInt(lead.length)]);
            boolean jdk;
            try {
                StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
                jdk = true;
            } catch (CharacterCodingException e) {
                jdk = false;
            }
            assertEquals(jdk, Utf8.firstInvalid(b) < 0, () -> java.util.HexFormat.ofDelimiter(" ").formatHex(b));
        }
    }
}
