package org.sealedbox.bench;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sealedbox.dsl.ir.TickStatement;
import org.sealedbox.runtime.box.Box;
import org.sealedbox.runtime.box.Notes;
import org.sealedbox.runtime.box.Population;

/**
 * What a tick must move through memory, from the shapes of a population's tensors: the limit that a perfectly fused
 * tick (sample → predict → judge → learn per agent, with nothing but the agents' state leaving the caches) would
 * reach at the machine's bandwidth. Every state tensor the tick reads counts once; every one it changes counts once
 * more:
 * <ul>
 * <li>the weights: read (to answer); written too where a judge selects into the population's weights;</li>
 * <li>the training accounting (exposure [N, F], signal and human signal [N]): read and written;</li>
 * <li>the notes [N, C, D + k + 1], where the agents keep some: read (to answer from them), and the tick's new notes,
 *     at most one per proposal, written.</li>
 * </ul>
 * Situations, predictions, labels and gradients are not state: a fused tick keeps them in cache, so they are not
 * counted here (what the engine does materialise is measured separately, as the tick's scratch memory).
 *
 * @param stateBytes the population's resident state: weights, accounting and notes (the pretrained weights are one agent's)
 */
public record Traffic(long bytesPerTick, long stateBytes) {

    public static Traffic of(Box box, String population) {
        Population pop = box.population(population);
        long weights = bytes(pop.model().params()) + (pop.policy() == null ? 0 : bytes(List.of(pop.policy().weights())));
        long accounting = bytes(List.of(pop.exposure(), pop.signal(), pop.humanSignal()));
        boolean learns = false;
        int proposals = 0;
        for (TickStatement s : box.scenario().program()) {
            if (s instanceof TickStatement.Select sel && sel.into().equals(population)
                    && sel.channel() == TickStatement.Channel.WEIGHTS) learns = true;
            if (s instanceof TickStatement.Propose p && p.population().equals(population)) proposals += p.count();
        }
        long perTick = weights * (learns ? 2 : 1) + 2 * accounting;
        long notes = 0;
        Notes n = pop.notes();
        if (n != null) {
            notes = bytes(List.of(n.x(), n.y(), n.valid()));
            long perNote = notes / Math.max(1, n.x().size(0) * n.capacity());
            perTick += notes + pop.spec().count() * (long) Math.min(proposals, n.capacity()) * perNote;
        }
        return new Traffic(perTick, weights + accounting + notes);
    }

    private static long bytes(List<INDArray> arrays) {
        long b = 0;
        for (INDArray a : arrays) b += a.length() * a.dataType().width();
        return b;
    }
}
