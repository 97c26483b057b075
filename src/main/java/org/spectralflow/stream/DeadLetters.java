package org.spectralflow.stream;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.util.OutputTag;
import org.spectralflow.codec.DeadLetterCodec;
import org.spectralflow.model.RecordOrigin;

/** Dead-letter records of both jobs: one per rejected record, keyed by where the record came from. */
public final class DeadLetters {
    /** The side output every operator that rejects a record writes its dead letter to. */
    public static final OutputTag<OutMessage> TAG = new OutputTag<>("sf-dead-letters", TypeInformation.of(OutMessage.class));

    private DeadLetters() {}

    public static OutMessage of(String dlqTopic, RecordOrigin from, String reason) {
        return of(dlqTopic, from, reason, null, -1);
    }

    /** A sweep job's rejection, with the step that made it and the trials it stands for ({@link DeadLetterCodec#STAGES}). */
    public static OutMessage of(String dlqTopic, RecordOrigin from, String reason, String stage, long trials) {
        return new OutMessage(dlqTopic, from.toString(), DeadLetterCodec.encode(from, reason, stage, trials));
    }

    /**
     * The reason a record failed, in words. A record's content should only ever raise
     * IllegalArgumentException; anything else is our bug, named as such, and still only costs that
     * one record rather than the job.
     */
    public static String reason(Throwable e) {
        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        if (e instanceof IllegalArgumentException) return msg;
        return "internal error on this record (" + e.getClass().getSimpleName() + "): " + msg;
    }
}
