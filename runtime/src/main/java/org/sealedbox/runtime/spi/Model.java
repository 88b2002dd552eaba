package org.sealedbox.runtime.spi;

import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The parameters of a whole population, one tensor per parameter with the agent as leading axis,
 * and batched forward and backward passes over agents. No method loops over agents.
 */
public interface Model {
    int agents();

    /** The parameter tensors, leading axis = agent. Learners update them in place. */
    List<INDArray> params();

    /** x [N, P, D] → predictions [N, P, k]. */
    INDArray predict(INDArray x);

    /**
     * Gradient of the masked mean squared error ½ Σ_b mask·(f(x_b) − y_b)² / B with respect to each
     * parameter, batched over agents; same shapes as {@link #params()}.
     */
    List<INDArray> gradient(INDArray x, INDArray y, INDArray mask);

    /**
     * What an agent answers, given its prediction [N, P, k]: the prediction plus exploration noise of standard deviation
     * {@code noise}. A generative model answers with its own spread instead (see the {@code gaussian} model).
     */
    default INDArray answer(INDArray prediction, double noise, org.nd4j.linalg.api.rng.Random rng) {
        return noise > 0 ? prediction.add(org.nd4j.linalg.factory.Nd4j.randn(rng, prediction.shape()).muli(noise)) : prediction.dup();
    }

    /** Mutation, in place: every weight plus Gaussian noise of standard deviation {@code rate} (a model of discrete genes flips them instead). */
    default void mutate(double rate, org.nd4j.linalg.api.rng.Random rng) {
        for (INDArray p : params()) p.addi(org.nd4j.linalg.factory.Nd4j.randn(rng, p.shape()).muli(rate));
    }

    /** One step of gradient descent on the masked mean squared error, in place, batched over agents. */
    default void step(INDArray x, INDArray y, INDArray mask, double lr) {
        List<INDArray> grads = gradient(x, y, mask);
        for (int i = 0; i < grads.size(); i++) params().get(i).subi(grads.get(i).muli(lr));
    }

    /** Exact per-field errors of this population's beliefs in {@code world}: see {@link World#linearFieldErrors}. */
    World.FieldErrors fieldErrors(World world);

    /** The agents at {@code index} [M] (integral values), in that order, as a new population of M (a copy). */
    Model select(INDArray index);

    /** How far each agent's predictions are from the population's mean prediction, per field: [N, F] mean squared, double. */
    INDArray fieldSpread(World world);

    /**
     * E_x ‖f(x) − g(x)‖² per agent and field [N, F], double, against a reference model g of one agent (or N): over
     * the world's fixed held-out situations. Models whose distances can be computed exactly override this.
     */
    default INDArray fieldDistance(World world, Model reference) {
        World.HeldOut h = world.heldOut();
        long n = agents(), m = h.x().size(0), d = h.x().size(1);
        INDArray x = h.x().reshape(1, m, d);
        INDArray now = predict(x.repeat(0, n).reshape(n, m, d));
        INDArray ref = reference.agents() == 1 ? reference.predict(x).repeat(0, n).reshape(now.shape())
                : reference.predict(x.repeat(0, n).reshape(n, m, d));
        INDArray diff = now.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).subi(ref.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE));
        return diff.muli(diff).sum(2).mmul(h.fields().castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE)).divi(h.perField());
    }

    /**
     * The agents [{@code from}, {@code to}) as a population of their own whose tensors are views of these (what a
     * step does to it, it does to them), or null when this model cannot make one. With it, the box may run a tick
     * over tiles of agents, so that the tick's scratch memory stays bounded however many agents there are.
     */
    default Model rows(long from, long to) {
        return null;
    }

    /** A population of {@code n} copies of agent 0 (a pretrained model cloned into a population). */
    Model replicate(int n);

    /** A deep copy. */
    Model copy();
}
