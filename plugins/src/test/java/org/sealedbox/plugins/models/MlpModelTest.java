package org.sealedbox.plugins.models;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sealedbox.dsl.schema.IntRange;
import org.sealedbox.dsl.schema.ParamValues;
import org.sealedbox.plugins.concepts.ConceptsWorld;
import org.sealedbox.runtime.box.RandomStreams;
import org.sealedbox.runtime.spi.World;

class MlpModelTest {
    static final int N = 3, B = 4, H = 5, K = 2, D = 6;

    static INDArray randn(String purpose, long... shape) {
        return Nd4j.randn(new RandomStreams(8).stream(purpose), shape).castTo(DataType.DOUBLE);
    }

    @Test
    void backpropagationMatchesFiniteDifferences() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            MlpModel m = new MlpModel(randn("w1", N, H, D), randn("b1", N, H), randn("w2", N, K, H), randn("b2", N, K));
            INDArray x = randn("x", N, B, D), y = randn("y", N, B, K);
            INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 0, 1}, {0, 1, 1, 1}, {1, 1, 1, 1}});
            List<INDArray> grads = m.gradient(x, y, mask);
            double h = 1e-6;
            for (int p = 0; p < 4; p++) {
                INDArray param = m.params().get(p);
                for (long flat : new long[] {0, param.length() / 2 + 1, param.length() - 1}) {
                    double old = param.getDouble(flat);
                    param.putScalar(flat, old + h);
                    double plus = loss(m, x, y, mask);
                    param.putScalar(flat, old - h);
                    double minus = loss(m, x, y, mask);
                    param.putScalar(flat, old);
                    assertEquals((plus - minus) / (2 * h), grads.get(p).getDouble(flat), 1e-6, "param " + p + " entry " + flat);
                }
            }
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }

    /** Σ over agents of ½ Σ_b mask·‖f(x_b) − y_b‖² / B (each agent's loss depends only on its own weights). */
    private static double loss(MlpModel m, INDArray x, INDArray y, INDArray mask) {
        INDArray err = m.predict(x).sub(y);
        INDArray sq = err.mul(err).sum(2).mul(mask);
        return 0.5 * sq.sumNumber().doubleValue() / B;
    }

    /**
     * An MLP with W1 = [I; −I] and W2 = [θ, −θ] computes the linear map θ exactly (relu(x) − relu(−x) = x), so its
     * held-out errors must agree with the linear model's exact ones, within sampling error.
     */
    @Test
    void heldOutErrorsAgreeWithTheExactOnesForALinearFunction() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        ParamValues wp = ParamValues.defaults(new ConceptsWorld.Factory().schema())
                .with("fields", 4L).with("width", 3L).with("human", new IntRange(0, 1)).with("held_out", 4000L);
        World world = new ConceptsWorld.Factory().create(wp, new RandomStreams(5));
        int d = world.dims();
        INDArray theta = Nd4j.randn(new RandomStreams(6).stream("t"), 1, 1, d);
        INDArray eye = Nd4j.eye(d).castTo(DataType.FLOAT);
        INDArray w1 = Nd4j.concat(0, eye, eye.neg()).reshape(1, 2L * d, d);
        INDArray row = theta.reshape(1, d);
        INDArray w2 = Nd4j.concat(1, row, row.neg()).reshape(1, 1, 2L * d);
        MlpModel mlp = new MlpModel(w1, Nd4j.zeros(1, 2L * d), w2, Nd4j.zeros(1, 1));
        World.FieldErrors heldOut = mlp.fieldErrors(world), exact = new LinearModel(theta).fieldErrors(world);
        for (int f = 0; f < 4; f++) {
            double e = exact.mse().getDouble(0, f);
            assertEquals(e, heldOut.mse().getDouble(0, f), 0.1 * e, "MSE of field " + f);
            assertEquals(exact.variance().getDouble(f), heldOut.variance().getDouble(f), 0.1 * exact.variance().getDouble(f));
        }
    }

    @Test
    void selectAndReplicateMoveWholeAgents() {
        MlpModel m = (MlpModel) new MlpModel.Factory().create(3, worldForShapes(), ParamValues.defaults(new MlpModel.Factory().schema())
                .with("hidden", 4L), new RandomStreams(1).stream("m"));
        MlpModel picked = (MlpModel) m.select(Nd4j.createFromArray(2f, 0f));
        for (int p = 0; p < 4; p++) {
            assertEquals(m.params().get(p).get(NDArrayIndex.point(2)), picked.params().get(p).get(NDArrayIndex.point(0)));
            assertEquals(m.params().get(p).get(NDArrayIndex.point(0)), picked.params().get(p).get(NDArrayIndex.point(1)));
        }
        assertEquals(5, m.replicate(5).agents());
    }

    private static World worldForShapes() {
        return new ConceptsWorld.Factory().create(ParamValues.defaults(new ConceptsWorld.Factory().schema())
                .with("fields", 3L).with("width", 2L).with("human", new IntRange(0, 0)), new RandomStreams(2));
    }
}
