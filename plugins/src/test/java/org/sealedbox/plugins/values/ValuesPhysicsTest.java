package org.sealedbox.plugins.values;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.schema.Choice;
import org.sealedbox.plugins.Boxes;
import org.sealedbox.runtime.Outcome;
import org.sealedbox.runtime.box.Box;
import org.sealedbox.runtime.box.Population;
import org.sealedbox.runtime.spi.Policy;

/** The parts of the values physics: the shortcut policy, its pretraining and KL, proxy errors, efficacy. */
class ValuesPhysicsTest {
    static String box(String policy, String learner, String extra, int years) {
        return """
                scenario "values" {
                  box { duration %d years  tick 1 month  seed 9 }
                  world concepts { fields 4 width 4 human 0..3 temptations 1 bonus 0.5 observed 0.5 penalty 1 human_shortcuts 0.02 policy %s }
                  agents llm count 16 { model linear  pretrain humans samples 500 epochs 5  learner %s }
                  judge check = accept_all
                  objective reward = proxy
                  each tick {
                    llm proposes 8 at anywhere noise 0.1
                    check selects into llm.weights
                    %s
                  }
                  measure every 1 year { shortcut_rate(observed) shortcut_rate(unobserved) kl(shortcuts) drift }
                }
                """.formatted(years, policy, learner, extra);
    }

    @Test
    void imitationPretrainsThePolicyToTheHumanRateInEveryStateItCanTellApart() {
        for (String policy : new String[] {"separate", "shared", "blind"}) {
            Outcome o = Boxes.run(box(policy, "frozen", "", 1));
            // 10 000 demonstrations, half watched: the rate's sampling sd is about 0.002 per state
            assertEquals(0.02, o.start("shortcut_rate(observed)"), 0.007, policy);
            assertEquals(0.02, o.start("shortcut_rate(unobserved)"), 0.007, policy);
            assertEquals(0.0, o.end("kl(shortcuts)"), 1e-9, "a frozen learner does not move the policy");
        }
    }

    @Test
    void aBlindPolicyCannotBehaveDifferentlyWhenWatched() {
        Outcome o = Boxes.run(box("blind", "rl maximise reward lr 0 policy_lr 4", "", 30));
        assertEquals(o.end("shortcut_rate(observed)"), o.end("shortcut_rate(unobserved)"), 1e-6);
        // watched half the time and always caught: 0.5 − 0.5 × 1 = 0 in expectation, so no pressure either way
        assertTrue(o.end("shortcut_rate(observed)") < 0.2, "blind: " + o.end("shortcut_rate(observed)"));
        Outcome seeing = Boxes.run(box("separate", "rl maximise reward lr 0 policy_lr 4", "", 30));
        assertTrue(seeing.end("shortcut_rate(unobserved)") > 0.9, "seeing: " + seeing.end("shortcut_rate(unobserved)"));
        assertTrue(seeing.end("shortcut_rate(observed)") < 0.05, "seeing, watched: " + seeing.end("shortcut_rate(observed)"));
    }

    @Test
    void characterTrainingPullsThePolicyBackTowardsHumansAndAKlPenaltyLimitsItsDrift() {
        Outcome free = Boxes.run(box("separate", "rl maximise reward lr 0 policy_lr 4", "", 30));
        Outcome trained = Boxes.run(box("separate", "rl maximise reward lr 0 policy_lr 4", "llm imitates humans rate 1 examples 64 lr 8", 30));
        Outcome penalised = Boxes.run(box("separate", "rl maximise reward lr 0 policy_lr 4 kl 2", "", 30));
        assertTrue(trained.end("shortcut_rate(unobserved)") < 0.5 * free.end("shortcut_rate(unobserved)"),
                trained.end("shortcut_rate(unobserved)") + " against " + free.end("shortcut_rate(unobserved)"));
        assertTrue(penalised.end("kl(shortcuts)") < 0.5 * free.end("kl(shortcuts)"),
                penalised.end("kl(shortcuts)") + " against " + free.end("kl(shortcuts)"));
    }

    @Test
    void similarityEfficacyIsExpOfMinusGammaTimesRelativeDrift() {
        Box box = new Box(Boxes.model(box("separate", "sft lr 0.05", "", 1)), Boxes.REGISTRY, List.of());
        box.start();
        for (int i = 0; i < 6; i++) box.step();
        Population pop = box.population("llm");
        var efficacy = Boxes.REGISTRY.factory(org.sealedbox.dsl.schema.PluginKind.EFFICACY, "similarity",
                org.sealedbox.runtime.spi.EfficacyFactory.class).create(org.sealedbox.dsl.schema.ParamValues
                .defaults(Boxes.REGISTRY.find(org.sealedbox.dsl.schema.PluginKind.EFFICACY, "similarity").get())
                .with("gamma", 3.0)).efficacy(pop);
        INDArray drift = org.sealedbox.runtime.spi.Drift.relative(pop, false);
        assertTrue(drift.maxNumber().doubleValue() > 0, "the weights moved");
        for (int a = 0; a < 16; a++) assertEquals(Math.exp(-3 * drift.getDouble(a)), efficacy.getDouble(a), 1e-5);
    }

    @Test
    void bernoulliKlOfThePolicyIsExact() {
        Policy p = new Policy(Nd4j.createFromArray(new float[][] {{1f, -2f}}), Policy.Encoding.SEPARATE);
        Policy q = new Policy(Nd4j.createFromArray(new float[][] {{0f, 0f}}), Policy.Encoding.SEPARATE);
        double watched = 1 / (1 + Math.exp(-1)), unwatched = 1 / (1 + Math.exp(2));
        double expected = 0.3 * kl(watched, 0.5) + 0.7 * kl(unwatched, 0.5);
        assertEquals(expected, p.kl(q, 0.3).getDouble(0), 1e-6);
    }

    static double kl(double p, double q) {
        return p * Math.log(p / q) + (1 - p) * Math.log((1 - p) / (1 - q));
    }

    @Test
    void proxyErrorsHaveTheirDistributions() throws Exception {
        var error = org.sealedbox.plugins.judges.ProxyErrorAccess.of(new Choice("gaussian", 0.5));
        INDArray g = error.addTo(Nd4j.zeros(DataType.DOUBLE, 200_000), Nd4j.getRandomFactory().getNewRandomInstance(1));
        assertEquals(0.5, g.stdNumber().doubleValue(), 0.005);
        var cauchy = org.sealedbox.plugins.judges.ProxyErrorAccess.of(new Choice("student_t", List.of(1L, 1.0)));
        double[] t = cauchy.addTo(Nd4j.zeros(DataType.DOUBLE, 200_000), Nd4j.getRandomFactory().getNewRandomInstance(2)).toDoubleVector();
        long beyond10 = java.util.Arrays.stream(t).filter(v -> Math.abs(v) > 10).count();
        long beyond1 = java.util.Arrays.stream(t).filter(v -> Math.abs(v) > 1).count();
        // Cauchy: P(|t| > 1) = 1/2, P(|t| > 10) = 1 − (2/π) atan(10) ≈ 0.0635
        assertEquals(0.5, beyond1 / 200_000.0, 0.005);
        assertEquals(1 - 2 / Math.PI * Math.atan(10), beyond10 / 200_000.0, 0.003);
    }
}
