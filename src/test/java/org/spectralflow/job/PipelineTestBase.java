package org.spectralflow.job;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.spectralflow.kafka.EmbeddedKafka;

/** What every end-to-end test runs on: a real in-process Kafka broker and a Flink MiniCluster with 2 slots. */
abstract class PipelineTestBase extends FlinkTestBase {
    static EmbeddedKafka kafka;

    @BeforeAll
    static void startKafka() throws Exception {
        kafka = EmbeddedKafka.start();
    }

    @AfterAll
    static void stopKafka() {
        kafka.close();
    }
}
