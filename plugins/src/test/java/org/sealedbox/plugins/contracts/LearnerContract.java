package org.sealedbox.plugins.contracts;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.ir.TickStatement;
import org.sealedbox.dsl.schema.PluginKind;
import org.sealedbox.plugins.Boxes;
import org.sealedbox.runtime.box.Box;
import org.sealedbox.runtime.box.Population;
import org.sealedbox.runtime.spi.*;

/**
 * What every learner must do, whatever it learns: keep the shapes of the weights, give the same weights for the same
 * seed, stay finite on reasonable input, and update each agent from its own lesson only (unless it declares that its
 * agents learn together, as a breeding learner does). A plugin's test extends this and names the learner line.
 */
public abstract class LearnerContract {
    /** The learner as a scenario writes it, e.g. {@code sft lr 0.05}. */
    protected abstract String learner();

    /** Whether an agent's update may depend on other agents' lessons (default: no). */
    protected boolean agentsLearnTogether() {
        return false;
    }

    /**
     * Lines above the scenario, e.g. {@code use "my-learner.groovy"} for a script plugin (paths are relative to the
     * working folder of the test run). Default: none.
     */
    protected String header() {
        return "";
    }

    static final int AGENTS = 6;

    String scenario() {
        return header() + """

                scenario "contract" {
                  box { duration 1 year  tick 1 month  seed 5 }
                  world concepts { fields 6 width 4 human 0..2 temptations 0.5 }
                  agents llm count %d {
                    model linear
                    pretrain humans samples 400 epochs 2
                    learner %s
                    context 8 steps 1 lr 0.1
                  }
                  judge j = ground_truth budget 8 noise 0.1
                  objective reward = proxy
                  each tick {
                    llm proposes 8 at frontier noise 0.3
                    j selects into llm.weights
                  }
                }
                """.formatted(AGENTS, learner());
    }

    /** The weights (model and shortcut policy) after {@code ticks} lessons, each optionally changed before it is learnt. */
    List<INDArray> learn(int ticks, Consumer<Lesson> change) {
        Box box = new Box(Boxes.model(scenario()), Boxes.REGISTRY, List.of());
        box.start();
        Population pop = box.population("llm");
        Learner learner = pop.learner();
        for (int t = 0; t < ticks; t++) {
            Scratch.run("contract", () -> {
                pop.invalidate(); // adapted models cached in scratch memory live one pass, as in the box
                Proposals p = box.propose("llm", 8, new TickStatement.Frontier(), 0.3);
                Judge.Context ctx = box.context("j", "llm");
                Judge.Verdict v = box.judge("j").judge(p, ctx);
                Lesson lesson = new Lesson(pop.model(), pop, p, v, "j", box.objectives("llm"));
                if (change != null) change.accept(lesson);
                learner.learn(lesson, box.world(), Nd4j.getRandomFactory().getNewRandomInstance(11 + 0L), pop);
                pop.invalidate();
            });
        }
        if (learner.breeds()) { // a learner across lifetimes: breed one generation too, agent i's fitness i
            Scratch.run("contract", () -> learner.nextGeneration(pop.model(),
                    Nd4j.linspace(1, AGENTS, AGENTS, org.nd4j.linalg.api.buffer.DataType.DOUBLE), Nd4j.getRandomFactory().getNewRandomInstance(13)));
        }
        List<INDArray> out = new java.util.ArrayList<>();
        for (INDArray a : pop.model().params()) out.add(a.dup());
        if (pop.policy() != null) out.add(pop.policy().weights().dup());
        return out;
    }

    private static final java.util.Map<String, List<INDArray>> PLAIN = new java.util.concurrent.ConcurrentHashMap<>();

    /** The weights after three plain lessons, learnt once per learner and shared by the tests of a class. */
    List<INDArray> plain() {
        return PLAIN.computeIfAbsent(learner(), k -> learn(3, null));
    }

    @Test
    void keepsTheShapesOfTheWeightsAndStaysFinite() {
        List<INDArray> after = plain();
        // the linear model's θ [N, k, D] (D = 6 fields × 4) and, with temptations, the policy's [N, 2]
        assertArrayEquals(new long[] {AGENTS, 1, 24}, after.get(0).shape());
        if (after.size() > 1) assertArrayEquals(new long[] {AGENTS, 2}, after.get(after.size() - 1).shape());
        for (INDArray a : after) assertTrue(Double.isFinite(a.sumNumber().doubleValue()));
    }

    @Test
    void givesTheSameWeightsForTheSameSeed() {
        List<INDArray> a = plain(), b = learn(3, null);
        for (int i = 0; i < a.size(); i++) assertEquals(a.get(i), b.get(i), "tensor " + i);
    }

    @Test
    void updatesEachAgentFromItsOwnLessonOnly() {
        if (agentsLearnTogether()) return;
        List<INDArray> plain = plain();
        // agent 0's lesson changes: its labels move and its judge accepts everything
        List<INDArray> changed = learn(3, lesson -> {
            lesson.verdict().labels().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).addi(1.0);
            lesson.verdict().accepted().get(org.nd4j.linalg.indexing.NDArrayIndex.point(0)).assign(1.0);
        });
        for (int i = 0; i < plain.size(); i++) {
            for (int agent = 1; agent < AGENTS; agent++) {
                assertEquals(plain.get(i).slice(agent), changed.get(i).slice(agent), "agent " + agent + ", tensor " + i);
            }
        }
    }

    @Test
    void declaresDocumentedParametersAndRejectsUnknownOnes() {
        String name = learner().split("\\s+")[0];
        // the scenario's own registry: installed plugins plus those it brings (scripts, jars beside it)
        var schema = Boxes.REGISTRY.forScenario(Boxes.model(scenario())).find(PluginKind.LEARNER, name).orElseThrow();
        for (var p : schema.params()) {
            assertNotNull(p.doc(), name + "." + p.name() + " has a doc");
            assertFalse(p.doc().isBlank(), name + "." + p.name() + " has a doc");
        }
        String bad = name + " no_such_parameter 1" + learner().substring(name.length());
        assertTrue(Boxes.compile(scenario().replace("learner " + learner(), "learner " + bad)).diagnostics().render()
                .contains("has no parameter `no_such_parameter`"));
    }
}

class SftContractTest extends LearnerContract {
    protected String learner() { return "sft lr 0.05"; }
}

class SftWithReplayContractTest extends LearnerContract {
    protected String learner() { return "sft lr 0.05 replay 0.5 batch 4"; }
}

class FitContractTest extends LearnerContract {
    protected String learner() { return "fit"; }
}

class RlContractTest extends LearnerContract {
    protected String learner() { return "rl maximise reward lr 0.01 policy_lr 1 kl 0.1"; }
}

class EvolutionContractTest extends LearnerContract {
    protected String learner() { return "evolution keep 0.5 mutation 0.01  lifetime 1 year"; }

    protected boolean agentsLearnTogether() { return true; } // a generation is bred from the fittest of all agents
}

class FrozenContractTest extends LearnerContract {
    protected String learner() { return "frozen"; }
}

class InContextContractTest extends LearnerContract {
    protected String learner() { return "context"; }
}

/** The Groovy script plugin of plugins/examples/groovy, loaded as a scenario loads it (sandboxed). */
class SurpriseScriptContractTest extends LearnerContract {
    protected String header() { return "use \"examples/groovy/surprise-learner.groovy\"\n"; }

    protected String learner() { return "surprise lr 0.05 threshold 0.001"; }
}
