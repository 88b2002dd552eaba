package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The policy part of a population's agents: whether to take a shortcut on a temptation, given what the agent
 * perceives of the situation. p(shortcut) = σ(φ·w) with one weight vector per agent, w [N, S].
 *
 * <p>What φ holds is the {@link Encoding}, an explicit choice because results depend on it: with {@code separate}
 * logits per observation state, learning when watched says nothing about when unwatched; with {@code shared}, a
 * common bias couples the two states; with {@code blind} the agent cannot tell whether it is observed.
 */
public final class Policy {
    public enum Encoding {
        /** φ = [observed, unobserved]: an independent logit per state. */
        SEPARATE(2),
        /** φ = [1, observed]: a shared bias plus an offset when observed. */
        SHARED(2),
        /** φ = [1]: the agent does not perceive the observer. */
        BLIND(1);

        public final int features;

        Encoding(int features) {
            this.features = features;
        }
    }

    private final INDArray w;
    private final Encoding encoding;

    /** A policy with weights {@code w} [N, S] (kept, not copied). */
    public Policy(INDArray w, Encoding encoding) {
        if (w.size(1) != encoding.features) throw new IllegalArgumentException("weights " + java.util.Arrays.toString(w.shape()) + " for " + encoding);
        this.w = w;
        this.encoding = encoding;
    }

    public static Policy zeros(int agents, Encoding encoding) {
        return new Policy(Nd4j.zeros(DataType.FLOAT, agents, encoding.features), encoding);
    }

    public INDArray weights() {
        return w;
    }

    public Encoding encoding() {
        return encoding;
    }

    public int agents() {
        return (int) w.size(0);
    }

    /** φ for observation flags {@code observed} [N, P] (0/1): [N, P, S]. */
    public INDArray features(INDArray observed) {
        long n = observed.size(0), p = observed.size(1);
        INDArray o = observed.castTo(DataType.FLOAT).reshape(n, p, 1);
        INDArray one = Nd4j.ones(DataType.FLOAT, n, p, 1);
        switch (encoding) {
            case SEPARATE: return Nd4j.concat(2, o, one.sub(o));
            case SHARED: return Nd4j.concat(2, one, o);
            default: return one;
        }
    }

    /** Logits [N, P] in the given observation states [N, P]. */
    public INDArray logits(INDArray observed) {
        long n = observed.size(0), p = observed.size(1);
        return Batched.matmul(features(observed), w.reshape(n, encoding.features, 1), false, false).reshape(n, p);
    }

    /** p(shortcut) [N, P] in the given observation states. */
    public INDArray probability(INDArray observed) {
        return Transforms.sigmoid(logits(observed), false);
    }

    /** p(shortcut) of each agent [N] when it is ({@code observed}) or is not watched. */
    public INDArray stateProbability(boolean observed) {
        return probability(Nd4j.valueArrayOf(new long[] {w.size(0), 1}, observed ? 1f : 0f)).reshape(w.size(0));
    }

    /** Logit of each agent [N] in a state. */
    public INDArray stateLogit(boolean observed) {
        return logits(Nd4j.valueArrayOf(new long[] {w.size(0), 1}, observed ? 1f : 0f)).reshape(w.size(0));
    }

    /**
     * In place: {@code w += lr · scale ⊙ Σ_p g[n, p] φ[n, p] / norm[n]}: a step along per-decision logit gradients {@code g}
     * [N, P] (e.g. advantage × (shortcut − p) for REINFORCE, (shortcut − p) for imitation). {@code scale} [N] and
     * {@code norm} [N] may be null (1).
     */
    public void step(INDArray g, INDArray observed, INDArray norm, INDArray scale, double lr) {
        long n = g.size(0), p = g.size(1);
        INDArray grad = Batched.matmul(g.castTo(DataType.FLOAT).reshape(n, 1, p), features(observed), false, false).reshape(n, encoding.features);
        if (norm != null) grad.diviColumnVector(norm.reshape(n, 1));
        if (scale != null) grad.muliColumnVector(scale.castTo(DataType.FLOAT).reshape(n, 1));
        w.addi(grad.muli(lr));
    }

    /**
     * One cross-entropy step towards demonstrated decisions, in place: {@code shortcut} [N, P] (0/1) in states
     * {@code observed} [N, P], weighted by {@code mask} [N, P] (null: every one), the mean over each agent's weighted
     * demonstrations, scaled per agent by {@code scale} [N] (null: 1).
     */
    public void imitate(INDArray observed, INDArray shortcut, INDArray mask, INDArray scale, double lr) {
        INDArray g = shortcut.castTo(DataType.FLOAT).sub(probability(observed));
        INDArray count;
        if (mask == null) {
            count = Nd4j.valueArrayOf(g.size(0), (float) g.size(1));
        } else {
            g.muli(mask);
            count = Transforms.max(mask.castTo(DataType.FLOAT).sum(1), 1.0);
        }
        step(g, observed, count, scale, lr);
    }

    /**
     * Imitation of a behaviour that takes the shortcut with probability {@code rate} in every state: one step on
     * {@code examples} fresh demonstrations per agent ({@code observedRate}: how often a demonstration is watched), drawn
     * from {@code rng}.
     */
    public void imitate(double rate, double observedRate, int examples, double lr, INDArray scale, org.nd4j.linalg.api.rng.Random rng) {
        long n = w.size(0);
        INDArray observed = Nd4j.rand(rng, n, examples).lt(observedRate).castTo(DataType.FLOAT);
        INDArray shortcut = Nd4j.rand(rng, n, examples).lt(rate).castTo(DataType.FLOAT);
        imitate(observed, shortcut, null, scale, lr);
    }

    /** Exact KL(π ‖ π₀) of each agent's shortcut decision from a reference (one agent, or N), averaged over states: [N]. */
    public INDArray kl(Policy reference, double observedRate) {
        INDArray out = null;
        for (boolean obs : new boolean[] {true, false}) {
            double weight = obs ? observedRate : 1 - observedRate;
            if (weight == 0) continue;
            INDArray p = stateProbability(obs).castTo(DataType.DOUBLE);
            INDArray q = reference.stateProbability(obs).castTo(DataType.DOUBLE);
            if (q.length() == 1 && p.length() > 1) q = q.broadcast(p.shape());
            INDArray k = bernoulliKl(p, q).muli(weight);
            out = out == null ? k : out.addi(k);
        }
        return out;
    }

    private static INDArray bernoulliKl(INDArray p, INDArray q) {
        double eps = 1e-12;
        INDArray pc = Transforms.max(Transforms.min(p, 1 - eps), eps), qc = Transforms.max(Transforms.min(q, 1 - eps), eps);
        INDArray a = pc.mul(Transforms.log(pc.div(qc), false));
        INDArray b = pc.rsub(1.0).mul(Transforms.log(pc.rsub(1.0).div(qc.rsub(1.0)), false));
        return a.addi(b);
    }

    public Policy copy() {
        return new Policy(w.dup(), encoding);
    }

    /** {@code n} copies of agent 0. */
    public Policy replicate(int n) {
        INDArray first = w.get(org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1), org.nd4j.linalg.indexing.NDArrayIndex.all());
        return new Policy(first.repeat(0, n).reshape(n, encoding.features), encoding);
    }

    /** The agents at {@code index} [M], as a new policy. */
    public Policy select(INDArray index) {
        return new Policy(Tensors.agents(w, index), encoding);
    }
}
