package org.spectralflow.job;

import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.spectralflow.stream.DeadLetters;
import org.spectralflow.stream.KafkaStreams;
import org.spectralflow.stream.OutMessage;
import org.spectralflow.stream.RawRecord;

/**
 * The sweep job (DESIGN §2): specs → decode/validate → keyBy cell → claim the trials (dedupe) and
 * split blocks → rebalance → generate, analyse and pre-aggregate per subtask → keyBy cell →
 * aggregate → stats, with results and rejects on their own topics. {@link #topology} is the job's
 * logic on any stream of raw records (Kafka in production, Flink's test sources in tests);
 * {@link #build} wires it between Kafka and the one exactly-once Kafka sink.
 */
public final class SweepJob {
    private SweepJob() {}

    /** The job's logic: every output record (stats, results, dead letters), each addressed to its topic. */
    public static DataStream<OutMessage> topology(DataStream<RawRecord> specs, SweepJobConfig cfg) {
        SingleOutputStreamOperator<Block> decoded = specs
                .process(new DecodeSpecs(cfg), TypeInformation.of(Block.class))
                .uid("decode").name("decode, check");
        // a spec record is small and its trials are many: claim them once per cell, then spread the parts
        SingleOutputStreamOperator<Block> parts = decoded
                .keyBy(Block::gridCell, Types.STRING)
                .process(new ClaimBlocks(cfg), TypeInformation.of(Block.class))
                .uid("claim").name("claim trials, split blocks");
        SingleOutputStreamOperator<CellPartial> partials = parts
                .rebalance()
                .transform("generate, analyse, pre-aggregate", TypeInformation.of(CellPartial.class), new AnalyzeBlocks(cfg))
                .uid("analyze");
        DataStream<OutMessage> stats = partials
                .keyBy(CellPartial::gridCell, Types.STRING)
                .process(new AggregateCells(cfg), TypeInformation.of(OutMessage.class))
                .uid("aggregate").name("aggregate cells");
        return stats.union(decoded.getSideOutput(DeadLetters.TAG), parts.getSideOutput(DeadLetters.TAG),
                partials.getSideOutput(DeadLetters.TAG), partials.getSideOutput(AnalyzeBlocks.RESULTS));
    }

    /** Adds the job to env, from the specs topic to the output topics. Checkpointing is the environment's to configure. */
    public static void build(StreamExecutionEnvironment env, SweepJobConfig cfg) {
        env.setParallelism(cfg.parallelism());
        // specs carry no event time and nothing here is windowed: no watermarks, on purpose
        DataStream<RawRecord> raw = env.fromSource(KafkaStreams.source(cfg.bootstrapServers(), cfg.groupId(), cfg.kafkaProperties(),
                        cfg.specsTopic(), cfg.startOffsets(), cfg.bounded()), WatermarkStrategy.noWatermarks(), "specs")
                .uid("specs-source").name("sf.specs");
        topology(raw, cfg).sinkTo(KafkaStreams.sink(cfg.bootstrapServers(), cfg.kafkaProperties(), cfg.transactionalIdPrefix()))
                .uid("kafka-sink").name("sf.stats, sf.results, sf.dlq");
    }
}
