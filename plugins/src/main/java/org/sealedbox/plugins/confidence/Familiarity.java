package org.sealedbox.plugins.confidence;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Confidence {@code familiarity}: confidence means "I have trained on this". A block's familiarity is
 * e / (e + half), e being the training exposure of the block; a field's confidence is the familiarity of
 * its blocks weighted by their energy in its situations. It knows nothing of the truth, so it is
 * self-fulfilling: training on its own outputs makes an agent more confident, right or wrong.
 */
public final class Familiarity implements Confidence {
    private final double half, mastered, noise;

    Familiarity(ParamValues p) {
        half = p.real("half");
        mastered = p.real("mastered");
        noise = p.real("noise");
    }

    /** Exposure at which a block's familiarity is ½. */
    public double half() { return half; }

    /** Field confidence at which an agent believes it has mastered a field. */
    public double mastered() { return mastered; }

    /** Standard deviation of the noise in reported confidence. */
    public double noise() { return noise; }

    @Override
    public INDArray fieldConfidence(INDArray exposure, World world) {
        INDArray familiarity = exposure.div(exposure.add(half));
        return familiarity.mmul(blockWeights(world).transpose());
    }

    /** [F, F]: how much block b counts in field f's confidence, its energy in f's situations normalised over f's. */
    public static INDArray blockWeights(World world) {
        INDArray energy = world.blockEnergy();
        return energy.divColumnVector(energy.sum(1).reshape(world.fields(), 1));
    }

    @Override
    public INDArray proposalConfidence(INDArray atProposals, Random rng) {
        INDArray c = noise > 0 ? atProposals.add(Nd4j.randn(rng, atProposals.shape()).muli(noise)) : atProposals.dup();
        return Transforms.min(Transforms.max(c, 0.0, false), 1.0, false);
    }

    @Override
    public boolean agentLocal() {
        return true;
    }

    @Override
    public INDArray believesMastered(INDArray fieldConfidence) {
        return fieldConfidence.gte(mastered).castTo(DataType.FLOAT);
    }

    public static final class Factory implements ConfidenceFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.CONFIDENCE, "familiarity",
                "confidence = how much the agent has trained on a field's blocks (never the truth)",
                List.of(
                        ParamSpec.real("half", 100, 1e-9, 1e12, "exposure (examples) at which a block's familiarity is 0.5"),
                        ParamSpec.real("mastered", 0.8, 0.0, 1.0, "field confidence at which an agent believes it has mastered a field"),
                        ParamSpec.real("noise", 0.1, 0.0, 10.0, "standard deviation of the noise in reported confidence")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Confidence create(ParamValues params) {
            return new Familiarity(params);
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.confidences(binder()).addBinding("familiarity").toInstance(new Factory());
        }
    }
}
