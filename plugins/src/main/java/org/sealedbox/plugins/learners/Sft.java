package org.sealedbox.plugins.learners;

import com.google.inject.AbstractModule;
import java.util.List;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * Learner {@code sft}: supervised fine-tuning, {@code steps} SGD steps per tick on the accepted proposals
 * with their labels, batched over agents. {@code replay} is the share of each batch drawn from fresh human
 * data: with P proposal slots, round(P·replay/(1−replay)) human examples are added. The gradient is the
 * mean over all slots, so an agent whose judge accepts more learns more.
 */
public final class Sft implements Learner {
    private final double lr, replay, policyLr;
    private final int steps, batch;

    Sft(ParamValues p) {
        lr = p.real("lr");
        replay = p.real("replay");
        steps = (int) p.integer("steps");
        batch = (int) p.integer("batch");
        policyLr = p.real("policy_lr");
    }

    public double lr() { return lr; }
    public double replay() { return replay; }
    /** Passes per tick over the accepted examples. */
    public int steps() { return steps; }
    /** Examples per gradient step (0: all of a tick's slots in one step). */
    public int batch() { return batch; }

    /**
     * Fine-tuning on what was accepted includes what the accepted proposals did on temptations: the shortcut policy takes
     * one cross-entropy step towards the accepted decisions (expert iteration: if the judge favours shortcuts, so does
     * the policy).
     */
    @Override
    public void learn(Lesson lesson, World world, Random rng, TrainingRecord record) {
        learn(lesson.model(), lesson.batch(), lesson.accepted(), world, rng, record);
        Behaviour b = lesson.behaviour();
        Policy policy = lesson.population().policy();
        if (b == null || policy == null || policyLr == 0) return;
        policy.imitate(b.observed(), b.shortcut(), b.tempted().mul(lesson.accepted()), null, policyLr);
    }

    /** Each agent steps on its own lesson (and its own replayed human data); nothing is kept between ticks. */
    @Override
    public boolean agentLocal() {
        return true;
    }

    static int replayCount(int slots, double replay) {
        return (int) Math.round(slots * replay / (1 - replay));
    }

    @Override
    public void learn(Model model, World.Batch accepted, INDArray mask, World world, Random rng, TrainingRecord record) {
        INDArray x = accepted.x(), y = accepted.y(), used = mask;
        long n = x.size(0), p = x.size(1);
        INDArray human = Nd4j.zeros(n, p);
        int h = replayCount((int) p, replay);
        if (h > 0) {
            World.Batch hd = world.humanData((int) (n * h), rng);
            x = Nd4j.concat(1, x, hd.x().reshape(n, h, world.dims()));
            y = Nd4j.concat(1, y, hd.y().reshape(n, h, world.outputs()));
            used = Nd4j.concat(1, mask, Nd4j.ones(n, h));
            human = Nd4j.concat(1, human, Nd4j.ones(n, h));
        }
        long slots = x.size(1), size = batch == 0 ? slots : Math.min(batch, slots);
        for (int s = 0; s < steps; s++) {
            for (long from = 0; from < slots; from += size) {
                long to = Math.min(slots, from + size);
                INDArray xb = x, yb = y, ub = used;
                if (size < slots) {
                    var range = NDArrayIndex.interval(from, to);
                    xb = x.get(NDArrayIndex.all(), range, NDArrayIndex.all());
                    yb = y.get(NDArrayIndex.all(), range, NDArrayIndex.all());
                    ub = used.get(NDArrayIndex.all(), range);
                }
                model.step(xb, yb, ub, lr);
            }
        }
        record.trained(x, used, human, lr * steps);
    }

    public static final class Factory implements LearnerFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.LEARNER, "sft",
                "supervised fine-tuning on what the judge accepted, optionally mixed with human data",
                List.of(
                        ParamSpec.real("lr", 0.01, 0.0, 10.0, "learning rate"),
                        ParamSpec.real("replay", 0.0, 0.0, 0.95, "share of each batch drawn from human data"),
                        ParamSpec.integer("steps", 1, 1, 1000, "passes per tick over the accepted examples"),
                        ParamSpec.integer("batch", 0, 0, 1_000_000, "examples per gradient step (0: all of a tick's slots in one step)"),
                        ParamSpec.real("policy_lr", 0.5, 0, 1000,
                                "step size of imitating the accepted proposals' decisions on temptations (when the world has any)")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Learner create(ParamValues params) {
            return new Sft(params);
        }

        @Override
        public void validate(ScenarioModel scenario, PluginUse self, PluginLookup lookup, Diagnostics d) {
            Stability.check(scenario, self, self.params().real("lr"), lookup, d);
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.learners(binder()).addBinding("sft").toInstance(new Factory());
        }
    }
}
