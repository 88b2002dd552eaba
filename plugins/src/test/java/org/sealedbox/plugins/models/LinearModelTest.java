package org.sealedbox.plugins.models;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sealedbox.runtime.box.RandomStreams;

class LinearModelTest {
    static final int N = 3, B = 5, K = 2, D = 7;

    @BeforeAll
    static void types() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    private static INDArray rand(String purpose, long... shape) {
        return Nd4j.randn(new RandomStreams(42).stream(purpose), shape);
    }

    @Test
    void predictIsTheBatchedProductOfEachAgentsWeights() {
        INDArray theta = rand("t", N, K, D), x = rand("x", N, B, D);
        INDArray pred = new LinearModel(theta).predict(x);
        for (int n = 0; n < N; n++) {
            INDArray expected = x.get(NDArrayIndex.point(n)).mmul(theta.get(NDArrayIndex.point(n)).transpose());
            assertTrue(expected.equalsWithEps(pred.get(NDArrayIndex.point(n)), 1e-4), "agent " + n);
        }
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        INDArray theta = rand("t", N, K, D).castTo(DataType.DOUBLE), x = rand("x", N, B, D).castTo(DataType.DOUBLE);
        INDArray y = rand("y", N, B, K).castTo(DataType.DOUBLE);
        INDArray mask = Nd4j.createFromArray(new double[][] {{1, 1, 0, 1, 1}, {1, 0, 0, 0, 1}, {1, 1, 1, 1, 1}});
        INDArray grad = new LinearModel(theta).gradient(x, y, mask).get(0);
        double h = 1e-6;
        for (int[] at : new int[][] {{0, 0, 0}, {1, 1, 3}, {2, 0, 6}}) {
            INDArray plus = theta.dup(), minus = theta.dup();
            plus.putScalar(at, theta.getDouble(at) + h);
            minus.putScalar(at, theta.getDouble(at) - h);
            double numeric = (loss(plus, x, y, mask, at[0]) - loss(minus, x, y, mask, at[0])) / (2 * h);
            assertEquals(numeric, grad.getDouble(at), 1e-6, "d loss / d theta" + java.util.Arrays.toString(at));
        }
    }

    /** ½ Σ_b mask·‖f(x_b) − y_b‖² / B for one agent. */
    private static double loss(INDArray theta, INDArray x, INDArray y, INDArray mask, int agent) {
        INDArray err = new LinearModel(theta).predict(x).sub(y).get(NDArrayIndex.point(agent));
        INDArray m = mask.getRow(agent).reshape(B, 1);
        return 0.5 * err.mul(err).mul(m.broadcast(B, K)).sumNumber().doubleValue() / B;
    }

    @Test
    void agentsAreIndependent() {
        INDArray theta = rand("t", N, K, D), x = rand("x", N, B, D), y = rand("y", N, B, K);
        INDArray grad = new LinearModel(theta).gradient(x, y, Nd4j.ones(N, B)).get(0);
        INDArray x2 = x.dup(), y2 = y.dup();
        x2.get(NDArrayIndex.point(1)).assign(rand("other", B, D));
        y2.get(NDArrayIndex.point(1)).assign(rand("other-y", B, K));
        INDArray grad2 = new LinearModel(theta).gradient(x2, y2, Nd4j.ones(N, B)).get(0);
        assertEquals(grad.get(NDArrayIndex.point(0)), grad2.get(NDArrayIndex.point(0)), "agent 0 is untouched by agent 1's data");
        assertEquals(grad.get(NDArrayIndex.point(2)), grad2.get(NDArrayIndex.point(2)), "agent 2 is untouched by agent 1's data");
        assertNotEquals(grad.get(NDArrayIndex.point(1)), grad2.get(NDArrayIndex.point(1)));
    }

    @Test
    void replicateClonesAgentZero() {
        INDArray theta = rand("t", 1, K, D);
        LinearModel many = (LinearModel) new LinearModel(theta).replicate(4);
        assertArrayEquals(new long[] {4, K, D}, many.params().get(0).shape());
        for (int n = 0; n < 4; n++) assertEquals(theta.get(NDArrayIndex.point(0)), many.params().get(0).get(NDArrayIndex.point(n)));
    }
}
