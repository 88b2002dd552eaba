// A learner that only updates on surprise, as a Groovy script plugin.
//
// Every tick the judge accepts some proposals; plain fine-tuning (`sft`) takes a gradient step on all of them.
// This learner first asks how surprised the agent is by each accepted example, the squared error of its own
// prediction against the label, and steps only on those above `threshold`: what it already predicts well costs no
// update. Batched over agents: one [N, P] mask for the whole population.
//
// A scenario loads it with `use "surprise-learner.groovy"` and names it like any learner: `learner surprise`.

import org.nd4j.linalg.api.ndarray.INDArray
import org.nd4j.linalg.api.rng.Random
import org.nd4j.linalg.factory.Nd4j
import org.sealedbox.dsl.schema.ParamSpec
import org.sealedbox.dsl.schema.ParamValues
import org.sealedbox.dsl.schema.PluginKind
import org.sealedbox.dsl.schema.PluginSchema
import org.sealedbox.runtime.spi.Learner
import org.sealedbox.runtime.spi.LearnerFactory
import org.sealedbox.runtime.spi.Model
import org.sealedbox.runtime.spi.TrainingRecord
import org.sealedbox.runtime.spi.World

class SurpriseLearner implements Learner {
    final double lr
    final double threshold

    SurpriseLearner(ParamValues p) {
        lr = p.real('lr')
        threshold = p.real('threshold')
    }

    @Override
    void learn(Model model, World.Batch accepted, INDArray mask, World world, Random rng, TrainingRecord record) {
        INDArray x = accepted.x(), y = accepted.y()                       // [N, P, D], [N, P, k]
        INDArray error = model.predict(x).sub(y)                          // [N, P, k]
        INDArray surprise = error.mul(error).mean(2)                      // [N, P]: squared error per example
        INDArray used = surprise.gt(threshold).castTo(mask.dataType()).muli(mask)  // accepted and surprising
        model.step(x, y, used, lr)
        record.trained(x, used, Nd4j.zeros(used.dataType(), used.shape()), lr)
    }
}

class SurpriseFactory implements LearnerFactory {
    static final PluginSchema SCHEMA = new PluginSchema(PluginKind.LEARNER, 'surprise',
            'fine-tuning on the accepted examples the agent predicted badly (squared error above a threshold)', [
            ParamSpec.real('lr', 0.05d, 0d, 10d, 'learning rate'),
            ParamSpec.real('threshold', 0.01d, 0d, 1e6d, 'least squared prediction error an example needs to be learnt from'),
    ])

    @Override
    PluginSchema schema() { SCHEMA }

    @Override
    Learner create(ParamValues params) { new SurpriseLearner(params) }
}
