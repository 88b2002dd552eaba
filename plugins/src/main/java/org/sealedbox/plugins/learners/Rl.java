package org.sealedbox.plugins.learners;

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
 * Learner {@code rl}: policy gradient (REINFORCE with a baseline) on a named objective, over every proposal the judge
 * saw, batched over agents. Two parts of the policy learn:
 * <ul>
 *   <li>answers: the agent answers its prediction plus Gaussian exploration noise σ, so ∇ log π = (y − f(x)) ∂f/σ²;
 *       the baseline is a running mean of each agent's reward. Step size {@code lr}.</li>
 *   <li>shortcuts: on temptations, ∇ log π = (shortcut − p) φ; the baseline is kept per agent and per observation state
 *       (watched or not), so that what pays when watched does not leak into what pays when not. Step size
 *       {@code policy_lr}.</li>
 * </ul>
 * With {@code kl β > 0} both parts also descend β × the gradient of their exact KL divergence from the pretrained
 * policy: ‖f(x) − f₀(x)‖² / 2σ² for answers, the Bernoulli KL for shortcuts.
 */
public final class Rl implements Learner {
    private final String objective;
    private final double lr, policyLr, kl, decay;
    private INDArray baseline;       // [N]
    private INDArray stateBaseline;  // [N, 2]: watched, unwatched
    private Model reference;         // the pretrained model, one copy per agent

    Rl(ParamValues p) {
        objective = p.objective("maximise");
        lr = p.real("lr");
        policyLr = p.real("policy_lr");
        kl = p.real("kl");
        decay = p.real("baseline");
    }

    @Override
    public void learn(Model model, World.Batch accepted, INDArray mask, World world, Random rng, TrainingRecord record) {
        throw new UnsupportedOperationException("rl learns from lessons: rewards, not labels");
    }

    @Override
    public void learn(Lesson lesson, World world, Random rng, TrainingRecord record) {
        Proposals p = lesson.proposals();
        INDArray reward = lesson.reward(objective).castTo(DataType.FLOAT); // [N, P]
        long n = p.agents();
        INDArray meanReward = reward.mean(1); // [N]
        if (baseline == null) baseline = Scratch.keep(meanReward::dup);
        if (stateBaseline == null) stateBaseline = Scratch.keep(() -> meanReward.reshape(n, 1).repeat(1, 2).dup());
        if (lr > 0 && p.noise() > 0) answers(lesson, reward, record);
        Behaviour b = lesson.behaviour();
        Policy policy = lesson.population().policy();
        if (policyLr > 0 && b != null && policy != null) shortcuts(lesson, b, policy, reward);
        baseline.muli(decay).addi(meanReward.mul(1 - decay));
    }

    private void answers(Lesson lesson, INDArray reward, TrainingRecord record) {
        Proposals p = lesson.proposals();
        Model model = lesson.model();
        double variance = p.noise() * p.noise();
        INDArray advantage = reward.subColumnVector(baseline.reshape(p.agents(), 1));
        // gradient() is of ½ mask (f − y)²: with mask = advantage a descent step is an ascent step on advantage · log π
        model.step(p.x(), p.label(), advantage, lr / variance);
        if (kl > 0) {
            if (reference == null) reference = Scratch.keep(() -> lesson.population().pretrained().replicate((int) p.agents()));
            model.step(p.x(), reference.predict(p.x()), Nd4j.ones(DataType.FLOAT, p.agents(), p.count()), lr * kl / variance);
        }
        record.trained(p.x(), Nd4j.ones(DataType.FLOAT, p.agents(), p.count()), Nd4j.zeros(DataType.FLOAT, p.agents(), p.count()), lr);
    }

    private void shortcuts(Lesson lesson, Behaviour b, Policy policy, INDArray reward) {
        long n = reward.size(0);
        INDArray tempted = b.tempted(), watched = b.observed(), unwatched = watched.rsub(1.0);
        INDArray base = watched.mulColumnVector(stateBaseline.getColumn(0).reshape(n, 1))
                .addi(unwatched.mulColumnVector(stateBaseline.getColumn(1).reshape(n, 1)));
        INDArray advantage = reward.sub(base).muli(tempted);
        INDArray count = Transforms.max(tempted.sum(1), 1.0);
        policy.step(advantage.muli(b.shortcut().sub(b.probability())), watched, count, null, policyLr);
        if (kl > 0) {
            INDArray z = policy.logits(watched);
            Policy start = lesson.population().pretrainedPolicy();
            INDArray z0 = watched.mul(start.stateLogit(true).getDouble(0)).addi(unwatched.mul(start.stateLogit(false).getDouble(0)));
            INDArray p = Transforms.sigmoid(z, true);
            INDArray g = p.mul(p.rsub(1.0)).muli(z.sub(z0)).muli(tempted).muli(-kl);
            policy.step(g, watched, count, null, policyLr);
        }
        for (int state = 0; state < 2; state++) {
            INDArray in = (state == 0 ? watched : unwatched).mul(tempted);
            INDArray seen = in.sum(1);
            INDArray mean = reward.mul(in).sum(1).divi(Transforms.max(seen, 1.0));
            INDArray column = stateBaseline.getColumn(state);
            INDArray delta = mean.subi(column).muli(seen.gt(0).castTo(DataType.FLOAT)).muli(1 - decay);
            column.addi(delta);
        }
    }

    @Override
    public void reset() {
        baseline = null;
        stateBaseline = null;
        reference = null;
    }

    public static final class Factory implements LearnerFactory {
        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.LEARNER, "rl",
                "policy gradient on an objective, with a baseline; optionally a KL penalty towards the pretrained policy",
                List.of(new ParamSpec("maximise", new ParamType.ObjectiveRef(), null, "the objective maximised, e.g. `maximise reward`"),
                        ParamSpec.real("lr", 0.001, 0, 10, "step size for the answers (0: answers do not learn)"),
                        ParamSpec.real("policy_lr", 1, 0, 1000, "step size for the shortcut policy (0: it does not learn)"),
                        ParamSpec.real("kl", 0, 0, 1e6, "β: weight of the KL divergence from the pretrained policy"),
                        ParamSpec.real("baseline", 0.9, 0, 0.9999, "decay of the running-mean baselines")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public Learner create(ParamValues params) {
            return new Rl(params);
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.learners(binder()).addBinding("rl").toInstance(new Factory());
        }
    }
}
