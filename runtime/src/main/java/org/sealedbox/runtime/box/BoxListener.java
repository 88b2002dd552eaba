package org.sealedbox.runtime.box;

/** Observes a running box: progress bars, recorders. */
public interface BoxListener {
    default void started(Box box) {}

    default void ticked(Box box, long tick) {}

    default void measured(Box box, MetricsRow row) {}

    default void finished(Box box) {}
}
