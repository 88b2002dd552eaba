package org.sealedbox.runtime.box;

/** Observes a running box: progress bars, recorders. */
public interface BoxListener {
    default void started(Box box) {}

    /** The box was rebuilt from a checkpoint and goes on from {@link Box#tick()}; what it measured before is in {@link Box#rows()}. */
    default void resumed(Box box) {}

    default void ticked(Box box, long tick) {}

    default void measured(Box box, MetricsRow row) {}

    default void finished(Box box) {}
}
