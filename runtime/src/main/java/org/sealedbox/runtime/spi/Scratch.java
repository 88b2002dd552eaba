package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Scratch memory for one pass of a loop (a tick, a pretraining step). Arrays created inside {@link #run}
 * live in an ND4J workspace that is reused on the next pass, so a tick allocates no native memory after
 * the first one (allocation, not arithmetic, dominated a tick at small N). Arrays created inside must not
 * be kept after {@code run} returns: update long-lived tensors in place ({@code subi}, {@code assign}), or
 * {@code detach()} what must survive.
 */
public final class Scratch {
    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .overallocationLimit(0.3)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyMirroring(MirroringPolicy.FULL)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private Scratch() {}

    /** Creates a long-lived array from inside a scratch pass (learner state, caches): it survives the pass. */
    public static <T> T keep(java.util.function.Supplier<T> make) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().scopeOutOfWorkspaces()) {
            return make.get();
        }
    }

    /** The name of the ND4J workspace of the passes {@code id} (one per thread). */
    public static String workspace(String id) {
        return "sealedbox-" + id;
    }

    public static void run(String id, Runnable pass) {
        try (MemoryWorkspace ws = Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, workspace(id))) {
            pass.run();
        }
    }

    /** Floats of temporaries in one block of {@link #byAgents}: 2^24 (64 MiB). */
    static final long BLOCK_FLOATS = 1L << 24;

    /**
     * Runs {@code block} over the agents [0, {@code agents}) a block of rows at a time, each block in the scratch
     * memory {@code id}, reused by the next: as many agents per block as keep {@code floatsPerAgent} floats of
     * temporaries each within 64 MiB, so that a pass whose temporaries grow with N (a model on every
     * held-out situation) stays a bounded size however many agents there are. {@code block} gets the block's rows.
     */
    public static void byAgents(String id, long agents, long floatsPerAgent, java.util.function.Consumer<INDArrayIndex> block) {
        long size = Math.max(1, BLOCK_FLOATS / Math.max(1, floatsPerAgent));
        for (long from = 0; from < agents; from += size) {
            INDArrayIndex rows = NDArrayIndex.interval(from, Math.min(agents, from + size));
            run(id, () -> block.accept(rows));
        }
    }

    /**
     * A value per agent and column, [agents, columns] of {@code type}, computed by {@link #byAgents} blocks: {@code block}
     * gets a block's rows and returns that block's values [rows, columns], which are copied into the result (a new array
     * in the current scratch memory). For a quantity computed row by row whose temporaries are many times its size (the
     * exact errors of a linear model are [N, D] in double before they are [N, F]). With as few agents as one block, the
     * one block is every agent: the same arithmetic as without blocks.
     */
    public static INDArray perAgent(String id, long agents, long floatsPerAgent, org.nd4j.linalg.api.buffer.DataType type,
                                    long columns, java.util.function.Function<INDArrayIndex, INDArray> block) {
        INDArray out = Nd4j.createUninitialized(type, agents, columns);
        byAgents(id, agents, floatsPerAgent, rows -> out.get(rows, NDArrayIndex.all()).assign(block.apply(rows).reshape(rows.length(), columns)));
        return out;
    }
}
