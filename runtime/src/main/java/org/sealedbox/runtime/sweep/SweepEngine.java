package org.sealedbox.runtime.sweep;

import java.util.List;
import java.util.function.Consumer;

/**
 * Where a sweep's members run. {@code local} (threads of this JVM) is built in; others (Apache Spark, in the
 * {@code sealedbox-spark} module) are found by {@link java.util.ServiceLoader}. An engine runs each member with
 * {@link SweepJob#run} wherever it likes; each member writes its own run folder under the sweep's, so an engine
 * only has to hand results back, in any order, as they finish.
 */
public interface SweepEngine {
    /** The name {@code --engine} takes. */
    String name();

    /**
     * Where members will run for this {@code --master} (null: none given), to print and record; an engine without
     * masters answers null.
     *
     * @throws IllegalArgumentException for a master this engine cannot use, in one sentence
     */
    default String master(String master, int parallelism) {
        return master;
    }

    /**
     * Runs {@code members}, calling {@code done} (from any thread, one call at a time is not promised) with each
     * member's result as soon as it is known. Returns when all are done.
     *
     * @param master where to run ({@code --master}; null for the engine's default)
     * @param parallelism members run side by side (the local engine's threads; a hint elsewhere)
     */
    void run(SweepJob job, List<SweepJob.Member> members, String master, int parallelism, Consumer<SweepJob.Result> done)
            throws Exception;
}
