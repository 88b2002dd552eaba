package org.sealedbox.runtime.box;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sealedbox.dsl.ir.TickStatement;
import org.sealedbox.runtime.spi.Behaviour;
import org.sealedbox.runtime.spi.Policy;
import org.sealedbox.runtime.spi.Proposals;
import org.sealedbox.runtime.spi.Tensors;
import org.sealedbox.runtime.spi.World;

/**
 * {@code pop proposes P at target}: every agent picks P situations where its own beliefs say the target is,
 * predicts, and proposes its prediction plus exploration noise, with its confidence. Batched over agents.
 *
 * <p>The frontier is the agent's belief, never the truth: the fields it does not believe it has mastered
 * but whose prerequisites it believes it has (its {@link org.sealedbox.runtime.spi.Confidence} decides).
 * An agent that believes it has mastered everything proposes anywhere.
 */
public final class Proposer {
    private Proposer() {}

    public static Proposals propose(Population pop, World world, int count, TickStatement.Target target, double noise,
                                    double focus, Random rng, Random temptationRng) {
        int n = pop.spec().count(), f = world.fields();
        INDArray fieldConfidence = pop.confidence().fieldConfidence(pop.exposure(), world); // [N, F]
        INDArray allowed = allowed(pop, world, target, fieldConfidence);
        if (focus > 0) allowed.muli(Transforms.exp(pop.tastes().mul(focus), false)); // each agent's own preferences
        INDArray fields = sample(allowed, count, rng); // [N, P] field indices
        INDArray x = world.situations(fields, rng);
        INDArray prediction = pop.effective().predict(x);
        INDArray label = pop.effective().answer(prediction, noise, rng);
        INDArray atProposals = Tensors.perAgent(fieldConfidence, fields);
        INDArray confidence = pop.confidence().proposalConfidence(atProposals, rng);
        pop.proposedWith(noise);
        Behaviour behaviour = pop.policy() == null ? null : behaviour(pop.policy(), world.temptations(), n, count, temptationRng);
        return new Proposals(fields, x, prediction, label, confidence, noise, behaviour);
    }

    /**
     * Temptations arise on a share of the proposals; each is watched or not, and the agent's policy, seeing what its
     * encoding lets it see, takes the shortcut or not; a watched shortcut is caught with the world's probability.
     */
    public static Behaviour behaviour(Policy policy, World.Temptations t, long n, long count, Random rng) {
        INDArray tempted = Nd4j.rand(rng, n, count).lt(t.rate()).castTo(DataType.FLOAT);
        INDArray observed = Nd4j.rand(rng, n, count).lt(t.observed()).castTo(DataType.FLOAT);
        INDArray probability = policy.probability(observed);
        INDArray shortcut = Nd4j.rand(rng, n, count).lt(probability).castTo(DataType.FLOAT).muli(tempted);
        INDArray caught = Nd4j.rand(rng, n, count).lt(t.caught()).castTo(DataType.FLOAT).muli(shortcut).muli(observed);
        return new Behaviour(tempted, observed, shortcut, caught, probability, t);
    }

    /** [N, F]: 1 where the agent may propose. */
    static INDArray allowed(Population pop, World world, TickStatement.Target target, INDArray fieldConfidence) {
        int n = pop.spec().count(), f = world.fields();
        if (target instanceof TickStatement.Anywhere) return Nd4j.ones(n, f);
        if (target instanceof TickStatement.Fields r) {
            INDArray row = Nd4j.zeros(1, f);
            for (int i = r.lo(); i <= Math.min(r.hi(), f - 1); i++) row.putScalar(0, i, 1.0);
            return row.repeat(0, n).reshape(n, f);
        }
        INDArray believed = pop.confidence().believesMastered(fieldConfidence);
        INDArray notMastered = believed.rsub(1.0);
        // unmet[n, g] = number of prerequisites of g the agent does not believe it has mastered
        INDArray unmet = notMastered.mmul(world.prerequisites().transpose());
        INDArray frontier = notMastered.mul(unmet.lt(0.5).castTo(DataType.FLOAT));
        INDArray none = frontier.sum(1).lt(0.5).castTo(DataType.FLOAT).reshape(n, 1);
        return frontier.addiColumnVector(none);
    }

    /** Draws {@code count} fields per agent in proportion to {@code allowed} [N, F] (weights ≥ 0): indices [N, P]. */
    static INDArray sample(INDArray allowed, int count, Random rng) {
        long n = allowed.size(0), f = allowed.size(1);
        INDArray p = allowed.castTo(DataType.DOUBLE);
        p.diviColumnVector(p.sum(1).reshape(n, 1));
        INDArray u = Nd4j.rand(rng, n, count).castTo(DataType.DOUBLE).muli(1 - 1e-9);
        // each agent's cdf as a product with an upper-triangular matrix of ones, and once per proposal by a gather of
        // rows: ND4J's cumsum and repeat along an axis loop per row and took a quarter of a tick
        INDArray cdf = p.mmul(Tensors.upperOnes(f));
        INDArray agent = Nd4j.arange(n * count).divi(count);
        INDArray below = Tensors.rows(cdf, Transforms.floor(agent, false)).subiColumnVector(u.reshape(n * count, 1)).lt(0.0);
        return below.castTo(DataType.FLOAT).sum(1).reshape(n, count); // how many fields' cdf lies below u = the index drawn
    }
}
