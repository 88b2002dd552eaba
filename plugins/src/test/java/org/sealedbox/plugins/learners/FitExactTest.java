package org.sealedbox.plugins.learners;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.inverse.InvertMatrix;
import org.sealedbox.plugins.models.LinearModel;
import org.sealedbox.runtime.box.RandomStreams;
import org.sealedbox.runtime.spi.World;

/** Recursive least squares, tick after tick, equals the batch closed form on everything accepted. */
class FitExactTest {
    @Test
    void equalsTheRidgeSolutionOnAllAcceptedData() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        int n = 2, d = 5, p = 3, ticks = 4;
        double ridge = 0.5;
        RandomStreams r = new RandomStreams(17);
        INDArray theta0 = Nd4j.randn(r.stream("theta"), n, 1, d);
        LinearModel model = new LinearModel(theta0.dup());
        FitExact fit = new FitExact(ridge);
        INDArray[] xs = new INDArray[ticks], ys = new INDArray[ticks], masks = new INDArray[ticks];
        for (int t = 0; t < ticks; t++) {
            xs[t] = Nd4j.randn(r.stream("x"), n, p, d);
            ys[t] = Nd4j.randn(r.stream("y"), n, p, 1);
            masks[t] = Nd4j.rand(r.stream("m"), n, p).gt(0.3).castTo(DataType.FLOAT);
            fit.learn(model, new World.Batch(xs[t], ys[t]), masks[t], null, null, (x, used, human, step) -> {});
        }
        for (int a = 0; a < n; a++) {
            INDArray gram = Nd4j.eye(d).castTo(DataType.DOUBLE).muli(ridge);
            INDArray rhs = theta0.get(NDArrayIndex.point(a)).castTo(DataType.DOUBLE).reshape(d, 1).muli(ridge);
            for (int t = 0; t < ticks; t++) {
                INDArray x = xs[t].get(NDArrayIndex.point(a)).castTo(DataType.DOUBLE);
                INDArray y = ys[t].get(NDArrayIndex.point(a)).castTo(DataType.DOUBLE);
                INDArray m = masks[t].getRow(a).castTo(DataType.DOUBLE).reshape(p, 1);
                INDArray xm = x.mulColumnVector(m);
                gram.addi(xm.transpose().mmul(xm));
                rhs.addi(xm.transpose().mmul(y.mulColumnVector(m)));
            }
            INDArray expected = InvertMatrix.invert(gram, false).mmul(rhs).reshape(d);
            INDArray actual = model.params().get(0).get(NDArrayIndex.point(a), NDArrayIndex.point(0)).castTo(DataType.DOUBLE);
            assertTrue(expected.equalsWithEps(actual, 1e-4), "agent " + a + ": " + expected + " vs " + actual);
        }
    }
}
