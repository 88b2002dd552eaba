package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/** Decides which proposals become training data, and with what label. */
public interface Judge {
    Verdict judge(Proposals proposals, Context context);

    /**
     * The judge's score of each proposal [N, P], before what shortcuts do to it (the box adds that): what it rewards.
     * A judge that only accepts or rejects scores 1 or 0; judges that grade (a critic, an experiment) say how good the
     * answer looks to them. The {@code proxy} of an objective is this score plus the shortcut terms.
     */
    default INDArray score(Proposals proposals, Context context) {
        return judge(proposals, context).accepted();
    }

    /**
     * Whether each agent's verdicts depend only on that agent: its own proposals and state, the world, the pretrained
     * model and the judge's own stream. The box may then judge a tick's proposals a tile of agents at a time. A judge
     * that compares agents (a peer vote) or spends a budget over the whole population does not.
     */
    default boolean agentLocal() {
        return false;
    }

    /**
     * @param accepted  [N, P] 0/1
     * @param labels    [N, P, k], the labels to train on
     * @param chosen    when the judge chose among alternatives it sampled from the agents itself ({@code best_of}): the
     *                  proposals it chose, with their answers and what they did on temptations; null: the proposals as made
     * @param proxy     [N, P] what the judge rewarded each proposal with when it chose (its objective, shortcuts
     *                  included), for judges that score as they choose; null: the box asks {@link #score} when it
     *                  needs the proxy
     */
    record Verdict(INDArray accepted, INDArray labels, Proposals chosen, INDArray proxy) {
        public Verdict(INDArray accepted, INDArray labels) {
            this(accepted, labels, null, null);
        }
    }

    /**
     * What a judge may consult: the world (for consequences: the only door to the truth), the population
     * whose proposals it judges (its current and pretrained models, for self- and peer-judgement), and its
     * own random stream, and the scenario's objectives (for judges that select by one).
     */
    record Context(World world, PopulationView population, Random rng, Objectives objectives) {
        public Context(World world, PopulationView population, Random rng) {
            this(world, population, rng, null);
        }
    }
}
