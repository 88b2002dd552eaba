package org.example.surprise;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.schema.ParamSpec;
import org.sealedbox.dsl.schema.ParamValues;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.dsl.schema.PluginSchema;
import org.sealedbox.runtime.spi.Learner;
import org.sealedbox.runtime.spi.LearnerFactory;
import org.sealedbox.runtime.spi.Model;
import org.sealedbox.runtime.spi.PluginModule;
import org.sealedbox.runtime.spi.Plugins;
import org.sealedbox.runtime.spi.TrainingRecord;
import org.sealedbox.runtime.spi.World;

/**
 * Learner {@code surprise}: fine-tuning that steps only on the accepted examples the agent predicted badly. Each tick,
 * the squared error of the agent's own prediction against each accepted example's label is its surprise; examples
 * above {@code threshold} get one SGD step at {@code lr}, the rest none. Batched: one [N, P] mask for all agents.
 */
public final class Surprise implements Learner {
    private final double lr, threshold;

    Surprise(ParamValues params) {
        lr = params.real("lr");
        threshold = params.real("threshold");
    }

    @Override
    public void learn(Model model, World.Batch accepted, INDArray mask, World world, Random rng, TrainingRecord record) {
        INDArray x = accepted.x(), y = accepted.y();                               // [N, P, D], [N, P, k]
        INDArray error = model.predict(x).sub(y);                                  // [N, P, k]
        INDArray surprise = error.mul(error).mean(2);                              // [N, P]
        INDArray used = surprise.gt(threshold).castTo(mask.dataType()).muli(mask); // accepted and surprising
        model.step(x, y, used, lr);
        record.trained(x, used, Nd4j.zeros(used.dataType(), used.shape()), lr);
    }

    /** What scenarios see: the name, the parameters with their defaults and ranges, and how to make one. */
    public static final class Factory implements LearnerFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.LEARNER, "surprise",
                "fine-tuning on the accepted examples the agent predicted badly (squared error above a threshold)",
                List.of(ParamSpec.real("lr", 0.05, 0.0, 10.0, "learning rate"),
                        ParamSpec.real("threshold", 0.01, 0.0, 1e6, "least squared prediction error an example needs to be learnt from")));

        @Override
        public PluginSchema schema() {
            return SCHEMA;
        }

        @Override
        public Learner create(ParamValues params) {
            return new Surprise(params);
        }
    }

    /** Found by ServiceLoader through META-INF/services/org.sealedbox.runtime.spi.PluginModule. */
    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.learners(binder()).addBinding("surprise").toInstance(new Factory());
        }
    }
}
