package org.sealedbox.plugins.learners;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.transforms.custom.MatrixInverse;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.PopulationSpec;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Learner {@code fit} (write {@code learner fit}): for linear models, the exact least-squares fit on everything the
 * agent has accepted since it was born, anchored to its pretrained weights —
 * θ = argmin Σ_accepted ‖θx − y‖² + ridge·‖θ − θ₀‖² — kept exact tick after tick by recursive least squares
 * (a Woodbury update of each agent's inverse Gram matrix [N, D, D], in double precision). No learning rate, no
 * step count: what a learner could at best make of the data it was given.
 */
public final class FitExact implements Learner {
    private final double ridge;
    private INDArray inverse; // [N, D, D]: (ridge·I + Σ xxᵀ)⁻¹, double

    FitExact(double ridge) {
        this.ridge = ridge;
    }

    @Override
    public void reset() {
        inverse = null;
    }

    @Override
    public void learn(Model model, World.Batch accepted, INDArray mask, World world, Random rng, TrainingRecord record) {
        INDArray theta = model.params().get(0);
        long n = theta.size(0), d = theta.size(2), p = mask.size(1);
        if (inverse == null) {
            inverse = Scratch.keep(() -> Nd4j.eye(d).castTo(DataType.DOUBLE).divi(ridge).reshape(1, d, d).repeat(0, n).reshape(n, d, d));
        }
        INDArray x = accepted.x().castTo(DataType.DOUBLE), y = accepted.y().castTo(DataType.DOUBLE);
        INDArray m = mask.castTo(DataType.DOUBLE);
        Broadcast.mul(x, m, x, 0, 1); // a rejected example is a zero row: it changes nothing
        Broadcast.mul(y, m, y, 0, 1);
        INDArray px = Nd4j.matmul(inverse, x, false, true, false);                  // [N, D, P] = A⁻¹Xᵀ
        INDArray s = Nd4j.matmul(x, px);                                            // [N, P, P] = X A⁻¹ Xᵀ
        s.addi(Nd4j.eye(p).castTo(DataType.DOUBLE).reshape(1, p, p).repeat(0, n).reshape(n, p, p));
        INDArray gain = Nd4j.matmul(px, Nd4j.exec(new MatrixInverse(s))[0]);       // [N, D, P]
        INDArray thetaD = theta.castTo(DataType.DOUBLE);
        INDArray residual = y.sub(Nd4j.matmul(x, thetaD, false, true, false));      // [N, P, k]
        INDArray step = Nd4j.matmul(gain, residual).permute(0, 2, 1);              // [N, k, D]
        theta.assign(thetaD.addi(step).castTo(theta.dataType()));
        inverse.subi(Nd4j.matmul(gain, px, false, true, false));
        record.trained(accepted.x(), mask, Nd4j.zeros(mask.shape()), 1.0);
    }

    public static final class Factory implements LearnerFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.LEARNER, "fit",
                "linear models: the exact least-squares fit on everything accepted so far, anchored to the pretrained weights",
                List.of(ParamSpec.real("ridge", 1.0, 1e-9, 1e9, "strength of the anchor to the pretrained weights")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Learner create(ParamValues params) {
            return new FitExact(params.real("ridge"));
        }

        @Override
        public void validate(ScenarioModel scenario, PluginUse self, PluginLookup lookup, Diagnostics d) {
            for (PopulationSpec p : scenario.populations()) {
                if (p.learner() == self && !p.model().name().equals("linear")) {
                    d.error("model", self.span(), "`fit` solves least squares exactly, which only a linear model allows",
                            "use `model linear`, or `learner sft` for `" + p.model().name() + "`");
                }
            }
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.learners(binder()).addBinding("fit").toInstance(new Factory());
        }
    }
}
