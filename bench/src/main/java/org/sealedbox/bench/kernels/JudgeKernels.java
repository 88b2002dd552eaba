package org.sealedbox.bench.kernels;

import org.openjdk.jmh.annotations.*;
import org.openjdk.jmh.infra.Blackhole;
import org.sealedbox.runtime.spi.Judge;
import org.sealedbox.runtime.spi.Proposals;

/**
 * Judges on one tick's proposals of the linear box (a judge's cost does not depend on the model): {@code selfConfidence}
 * is the box's own judge ({@code self_confidence threshold 0.5}: a comparison of [N, 8] confidences); {@code groundTruth}
 * is {@code ground_truth} with its defaults (budget 8, noise 0.1), a judge that reads the world: the truth of every
 * situation ([N·8, 384] · [384, 1]) plus noise. Milliseconds per call.
 */
public class JudgeKernels extends KernelBench {
    private Proposals proposals;
    private Judge self, truth;
    private Judge.Context selfContext, truthContext;

    @Setup(Level.Trial)
    public void setUp() {
        KernelBox box = KernelBox.of("linear", N);
        proposals = box.proposals;
        self = box.box.judge(KernelBox.JUDGE);
        selfContext = box.box.context(KernelBox.JUDGE, KernelBox.POPULATION);
        truth = box.judge("ground_truth");
        truthContext = box.box.context("ground_truth", KernelBox.POPULATION);
    }

    @Benchmark
    public void selfConfidence(Blackhole bh) {
        pass(() -> bh.consume(self.judge(proposals, selfContext)));
    }

    @Benchmark
    public void groundTruth(Blackhole bh) {
        pass(() -> bh.consume(truth.judge(proposals, truthContext)));
    }
}
