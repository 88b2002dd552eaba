package org.sealedbox.plugins.learners;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.inverse.InvertMatrix;
import org.sealedbox.plugins.models.LinearModel;
import org.sealedbox.runtime.box.RandomStreams;
import org.sealedbox.runtime.spi.Model;

/**
 * Gradient descent from pretrained weights keeps exactly the part of them in the null space of all data seen
 * since: the dilution of pretraining is exact. Checked against the closed form
 * θ∞ = θ₀ + Xᵀ(XXᵀ)⁻¹(y − Xθ₀) for consistent labels y.
 */
class DilutionTest {
    @Test
    void gradientDescentConvergesToTheClosedForm() {
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);
        try {
            RandomStreams r = new RandomStreams(21);
            int d = 12, m = 5;
            INDArray theta0 = Nd4j.randn(r.stream("pretrained"), 1, 1, d).castTo(DataType.DOUBLE);
            INDArray x = Nd4j.randn(r.stream("data"), m, d).castTo(DataType.DOUBLE).divi(Math.sqrt(d));
            INDArray newTeacher = Nd4j.randn(r.stream("teacher"), d, 1).castTo(DataType.DOUBLE);
            INDArray y = x.mmul(newTeacher); // [m, 1]
            Model model = new LinearModel(theta0.dup());
            for (int step = 0; step < 4000; step++) {
                model.step(x.reshape(1, m, d), y.reshape(1, m, 1), Nd4j.ones(DataType.DOUBLE, 1, m), 1.0);
            }
            INDArray t0 = theta0.reshape(d, 1), tEnd = model.params().get(0).reshape(d, 1);
            INDArray gram = InvertMatrix.invert(x.mmul(x.transpose()), false);
            INDArray closed = t0.add(x.transpose().mmul(gram).mmul(y.sub(x.mmul(t0))));
            assertTrue(closed.equalsWithEps(tEnd, 1e-6), "θ∞ = θ₀ + Xᵀ(XXᵀ)⁻¹(y − Xθ₀)\n" + closed + "\n" + tEnd);
            INDArray nullProjector = Nd4j.eye(d).castTo(DataType.DOUBLE).sub(x.transpose().mmul(gram).mmul(x));
            assertTrue(nullProjector.mmul(tEnd).equalsWithEps(nullProjector.mmul(t0), 1e-9),
                    "the null-space part of the pretrained weights is kept exactly");
        } finally {
            Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        }
    }
}
