package org.sealedbox.plugins.efficacy;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Efficacy hypothesis {@code similarity(gamma)}: character training works only while the model stays close to its
 * pretraining statistics. Efficacy = exp(−γ · d), d = ‖θ − θ₀‖ / ‖θ₀‖ per agent. {@code over knowledge} (default)
 * computes d over the model's weights only; {@code over all} includes the shortcut policy, which feeds back on itself
 * (a policy that drifts becomes harder to train back, so it drifts further).
 */
public final class Similarity implements Efficacy {
    private final double gamma;
    private final boolean all;

    Similarity(ParamValues p) {
        gamma = p.real("gamma");
        all = p.choice("over").name().equals("all");
    }

    @Override
    public INDArray efficacy(PopulationView pop) {
        return Transforms.exp(Drift.relative(pop, all).muli(-gamma), false).castTo(DataType.FLOAT);
    }

    public static final class Factory implements EfficacyFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.EFFICACY, "similarity",
                "character training takes effect exp(−γ·d), d the relative distance of the weights from pretraining",
                List.of(ParamSpec.real("gamma", 1, 0, 1e6, "how fast efficacy falls with relative distance from the pretrained weights"),
                        ParamSpec.choice("over", "knowledge", new ParamType.ChoiceType(List.of(
                                        ParamType.Option.plain("knowledge"), ParamType.Option.plain("all"))),
                                "which weights the distance is over: the model's (knowledge), or those and the shortcut policy (all)")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Efficacy create(ParamValues params) {
            return new Similarity(params);
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.efficacies(binder()).addBinding("similarity").toInstance(new Factory());
        }
    }
}
