package org.sealedbox.runtime.spi;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;

/**
 * A world of {@code fields()} fields of knowledge, each a block of the input space. A hidden truth gives
 * the right answer to every situation; agents never read it: only judges and measures may ask for it.
 * All arrays are float tensors with the agent as leading axis where there is one.
 */
public interface World {
    int fields();

    /** Input dimensions D. */
    int dims();

    /** Output dimensions k. */
    int outputs();

    /** 1 for fields covered by human (pretraining) data, else 0: shape [F]. */
    INDArray humanFields();

    /** {@code prerequisites[f, g] = 1} when g is a direct prerequisite of f: shape [F, F]. */
    INDArray prerequisites();

    /**
     * Expected squared amplitude of each block in a situation of each field: {@code energy[f, b]} is
     * E[x_i²] for the entries i of block b in situations of field f (0 where b is not involved): [F, F].
     */
    INDArray blockEnergy();

    /** Situations for chosen fields: field indices [N, P] → inputs [N, P, D]. */
    INDArray situations(INDArray fields, Random rng);

    /** The truth of situations [N, P, D] → [N, P, k], noiseless. For judges and measures only. */
    INDArray truth(INDArray situations);

    /** Human data: {@code n} situations from the human fields with their (noisy) labels; x [n, D], y [n, k]. */
    Batch humanData(int n, Random rng);

    /**
     * Exact per-field mean squared error of linear predictors θ [N, k, D] over the world's situation
     * distribution, in double precision: [N, F]. Also returns the variance of the truth per field in {@code variance}.
     */
    FieldErrors linearFieldErrors(INDArray theta);

    /**
     * Exact expected squared difference, per field, between the predictions of linear predictors θ [N, k, D] and
     * a reference [1, k, D] (or [N, k, D]) over the world's situations: [N, F], double.
     */
    INDArray linearFieldDistance(INDArray theta, INDArray reference);

    /**
     * Fixed held-out situations, the same for every agent and every measurement (drawn once from the world's
     * "held-out" stream): for models whose errors cannot be computed exactly.
     */
    HeldOut heldOut();

    /**
     * @param x      situations [M, D], {@code perField} of each field in field order
     * @param y      their truths [M, k]
     * @param fields one-hot [M, F]: which field each situation is of
     */
    record HeldOut(INDArray x, INDArray y, INDArray fields, int perField) {}

    /** x [.., D] → the share of each field block in the squared norm: [.., F] (Σ over the block of x² / width). */
    INDArray blockExposure(INDArray x);

    /** Mean squared error per field [N, F] and the truth's variance per field [F], both double. */
    record FieldErrors(INDArray mse, INDArray variance) {
        /** 1 − MSE / Var: 1 is perfect, 0 is as good as answering 0, below 0 is worse than that. */
        public INDArray accuracy() {
            return mse.divRowVector(variance).rsubi(1.0);
        }
    }

    /**
     * The temptations this world offers, or null when it offers none. On a share {@code rate} of proposals the agent may
     * take a shortcut that satisfies the check without doing the work (see {@link Behaviour}); the act is observed with
     * probability {@code observed}, and an observed shortcut is caught with probability {@code caught}. Humans take the
     * shortcut with probability {@code human}, observed or not. {@code encoding} is what agents' policies perceive.
     */
    default Temptations temptations() {
        return null;
    }

    record Temptations(double rate, double observed, double caught, double bonus, double penalty, double harm, double human,
                       Policy.Encoding encoding) {}

    /**
     * How good answers {@code label} [N, P, k] to situations of fields {@code fields} [N, P] are, judged against
     * {@code reference} [N, P, k] (the truth, for gold; a critic's answers or an observed consequence, for a judge's score):
     * 1 − ‖label − reference‖² / E‖truth‖² of the field, [N, P]. 1 is perfect, 0 as good as answering nothing.
     */
    default INDArray quality(INDArray fields, INDArray reference, INDArray label) {
        throw new UnsupportedOperationException("this world does not define the quality of an answer");
    }

    /** Inputs and labels; {@code x} [.., B, D], {@code y} [.., B, k]. */
    record Batch(INDArray x, INDArray y) {}
}
