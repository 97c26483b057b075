package org.spectralflow.job;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.spectralflow.stream.OutMessage;
import org.spectralflow.stream.RawRecord;

/**
 * A Flink MiniCluster with 2 slots, and a job's topology run on it between Flink's own bounded
 * test source and a collecting sink: the logic of a job, tested without a broker.
 */
abstract class FlinkTestBase {
    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2).setConfiguration(Defaults.localFlinkConfiguration()).build());

    interface Topology {
        DataStream<OutMessage> apply(DataStream<RawRecord> in);
    }

    /** Every output record of the topology over these input records, at the given parallelism. */
    static List<OutMessage> run(Topology topology, List<RawRecord> in, int parallelism) throws Exception {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(Defaults.localFlinkConfiguration());
        env.setParallelism(parallelism);
        DataStream<RawRecord> source = env.fromData(in, TypeInformation.of(RawRecord.class));
        List<OutMessage> out = new ArrayList<>();
        try (CloseableIterator<OutMessage> it = topology.apply(source).executeAndCollect("topology under test")) {
            it.forEachRemaining(out::add);
        }
        return out;
    }

    /** Records as they would arrive on partition 0 of a topic, at offsets 0, 1, 2, ... */
    static List<RawRecord> records(String topic, List<byte[][]> keyValues) {
        List<RawRecord> out = new ArrayList<>();
        for (byte[][] kv : keyValues) out.add(new RawRecord(topic, 0, out.size(), kv[0], kv[1]));
        return out;
    }
}
