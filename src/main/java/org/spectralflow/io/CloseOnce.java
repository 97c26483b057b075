package org.spectralflow.io;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A close that runs once, where its owner and the exit hook of {@link TempDirs} may both call it:
 * the first caller does the work; a later one waits (up to a minute) until it is done, so that
 * nothing is removed from under a broker or a cluster still stopping.
 */
public final class CloseOnce {
    private final AtomicBoolean started = new AtomicBoolean();
    private final CountDownLatch finished = new CountDownLatch(1);

    /** True for the first caller, who closes and then calls {@link #done}; false, once it is done, for the others. */
    public boolean begin() {
        if (started.compareAndSet(false, true)) return true;
        try {
            finished.await(1, TimeUnit.MINUTES);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    public void done() {
        finished.countDown();
    }
}
