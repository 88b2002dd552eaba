package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.MirroringPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

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
}
