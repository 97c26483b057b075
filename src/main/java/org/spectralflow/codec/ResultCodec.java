package org.spectralflow.codec;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.spectralflow.model.Analysis;
import org.spectralflow.model.Spec;

/** {@code sf.results} records: the analysis of one matrix with its spec's sweep, id, cell and trial. */
public final class ResultCodec {
    private ResultCodec() {}

    public static ObjectNode encode(Spec s, Analysis a) {
        ObjectNode o = AnalysisCodec.encode(a);
        ObjectNode out = Json.object();
        out.put("v", Json.VERSION);
        out.put("sweep", s.sweep());
        out.put("id", s.id());
        out.put("cell", s.cell());
        out.put("trial", s.trial());
        o.remove("v");
        o.remove("id");
        out.setAll(o);
        return out;
    }
}
