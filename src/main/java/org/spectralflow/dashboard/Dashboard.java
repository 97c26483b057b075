package org.spectralflow.dashboard;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.spectralflow.kafka.TopicFollower;

/**
 * The live dashboard of a cluster: a thread that follows the committed {@code sf.health} and
 * {@code sf.alerts} records into a {@link LayerBoard}, and the {@link DashboardServer} that shows it.
 */
public final class Dashboard implements AutoCloseable {
    private final DashboardServer server;
    private final Thread follower;
    private volatile boolean running = true;
    private volatile Exception failure;

    private Dashboard(String bootstrap, Map<String, String> kafka, String healthTopic, String alertsTopic, String bind, int port)
            throws IOException {
        LayerBoard board = new LayerBoard();
        server = DashboardServer.start(bind, port, board, bootstrap);
        follower = new Thread(() -> follow(bootstrap, kafka, healthTopic, alertsTopic, board), "dashboard-follower");
        follower.setDaemon(true);
        follower.start();
    }

    /** Starts following and serving; port 0 picks a free port, a taken one falls back to a free one. */
    public static Dashboard start(String bootstrap, Map<String, String> kafka, String healthTopic, String alertsTopic, String bind,
                                  int port) throws IOException {
        return new Dashboard(bootstrap, kafka, healthTopic, alertsTopic, bind, port);
    }

    private void follow(String bootstrap, Map<String, String> kafka, String healthTopic, String alertsTopic, LayerBoard board) {
        try {
            while (running) {
                try (TopicFollower f = new TopicFollower(bootstrap, kafka, List.of(healthTopic, alertsTopic), true)) {
                    if (f.partitions() == 0) { // started before the monitor created its topics: look again soon
                        Thread.sleep(2000);
                        continue;
                    }
                    while (running) {
                        for (TopicFollower.Message m : f.poll(Duration.ofMillis(200))) {
                            long now = System.currentTimeMillis();
                            if (m.topic().equals(healthTopic)) board.onHealth(m.value(), now);
                            else board.onAlert(m.value(), now);
                        }
                    }
                }
            }
        } catch (Exception e) {
            if (running) failure = e;
        }
    }

    public String url() {
        return server.url();
    }

    /** The follower's failure (e.g. the broker went away), or null while it runs. */
    public Exception failure() {
        return failure;
    }

    @Override
    public void close() {
        running = false;
        server.close();
        try {
            follower.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
