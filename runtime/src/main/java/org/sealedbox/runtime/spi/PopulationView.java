package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;

/** What measures may read of a population. */
public interface PopulationView {
    String name();

    /** The agents' weights. */
    Model model();

    /**
     * What the agents answer with: their weights adapted in context to their notes (when they learn in context),
     * else their weights. Proposals and knowledge measures use this; {@code drift} uses {@link #model()}.
     */
    Model effective();

    /** The pretrained model every agent started from (one agent). */
    Model pretrained();

    /** Training exposure per field [N, F]. */
    INDArray exposure();

    Confidence confidence();

    /** Training signal per agent (examples × step size), all and from human data, pretraining included: [N] each. */
    INDArray signal();

    INDArray humanSignal();

    /** How many generations this population has had (regenerated from a corpus, or bred), 0 at the start. */
    int generation();

    /** The agents' shortcut policies, or null when the world offers no temptations. */
    default Policy policy() {
        return null;
    }

    /** The policy every agent started from (one agent), or null. */
    default Policy pretrainedPolicy() {
        return null;
    }

    /** The exploration noise the population last proposed with (0 before it proposed). */
    default double explorationNoise() {
        return 0;
    }

    /**
     * Gold and proxy of what judges accepted from this population since the last measurement (the window's sums), or
     * an empty record when the scenario measures nothing that needs them.
     */
    default Accepted accepted() {
        return Accepted.NONE;
    }

    /** Sums over accepted proposals: their count, their gold and their proxy (the selecting judge's score). */
    record Accepted(double count, double gold, double proxy) {
        public static final Accepted NONE = new Accepted(0, 0, 0);

        public Accepted plus(double c, double g, double p) {
            return new Accepted(count + c, gold + g, proxy + p);
        }
    }
}
