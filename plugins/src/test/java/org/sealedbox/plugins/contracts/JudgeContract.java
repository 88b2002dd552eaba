package org.sealedbox.plugins.contracts;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sealedbox.dsl.schema.PluginKind;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sealedbox.dsl.ir.TickStatement;
import org.sealedbox.plugins.Boxes;
import org.sealedbox.runtime.box.Box;
import org.sealedbox.runtime.box.Population;
import org.sealedbox.runtime.spi.*;

/**
 * What every judge must do: a verdict of the proposals' shape (accepted 0/1 [N, P], finite labels [N, P, k]) and a
 * finite score [N, P]; the same verdict for the same seed; and each agent's verdict from its own proposals only.
 */
public abstract class JudgeContract {
    /** The judge as a scenario writes it after {@code judge j =}. */
    protected abstract String judge();

    static final int AGENTS = 5, PROPOSALS = 6;

    String scenario() {
        return """
                scenario "contract" {
                  box { duration 1 year  tick 1 month  seed 5 }
                  world concepts { fields 6 width 4 human 0..2 temptations 0.5 }
                  agents llm count %d { model linear  pretrain humans samples 400 epochs 2  learner frozen }
                  judge critic = fixed_judge examples 100
                  objective reward = proxy(critic)
                  judge j = %s
                  each tick {
                    llm proposes %d at frontier noise 0.3
                    j selects into llm.weights
                  }
                }
                """.formatted(AGENTS, judge(), PROPOSALS);
    }

    /** One tick's verdict and score: [accepted, labels, score]; agent 0's proposed answers moved by {@code shift}. */
    INDArray[] judgeOnce(double shift) {
        Box box = new Box(Boxes.model(scenario()), Boxes.REGISTRY, List.of());
        box.start();
        Population pop = box.population("llm");
        INDArray[][] out = new INDArray[1][];
        Scratch.run("contract", () -> {
            pop.invalidate();
            Proposals p = box.propose("llm", PROPOSALS, new TickStatement.Frontier(), 0.3);
            if (shift != 0) p.label().get(NDArrayIndex.point(0)).addi(shift);
            Judge.Verdict v = box.judge("j").judge(p, box.context("j", "llm"));
            INDArray score = box.judge("j").score(p, box.context("j", "llm"));
            out[0] = new INDArray[] {v.accepted().detach(), v.labels().detach(), score.detach()};
            pop.invalidate();
        });
        return out[0];
    }

    private static final java.util.Map<String, INDArray[]> PLAIN = new java.util.concurrent.ConcurrentHashMap<>();

    /** The unshifted verdict, judged once per judge and shared by the tests of a class. */
    INDArray[] plain() {
        return PLAIN.computeIfAbsent(judge(), k -> judgeOnce(0));
    }

    @Test
    void givesAVerdictOfTheProposalsShape() {
        INDArray[] v = plain();
        assertArrayEquals(new long[] {AGENTS, PROPOSALS}, v[0].shape());
        assertArrayEquals(new long[] {AGENTS, PROPOSALS, 1}, v[1].shape());
        assertArrayEquals(new long[] {AGENTS, PROPOSALS}, v[2].shape());
        double[] accepted = v[0].castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).reshape(-1).toDoubleVector();
        for (double a : accepted) assertTrue(a == 0 || a == 1, "accepted is 0 or 1: " + a);
        assertTrue(Double.isFinite(v[1].sumNumber().doubleValue()), "finite labels");
        assertTrue(Double.isFinite(v[2].sumNumber().doubleValue()), "finite scores");
    }

    @Test
    void givesTheSameVerdictForTheSameSeed() {
        INDArray[] a = plain(), b = judgeOnce(0);
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], "part " + i);
    }

    @Test
    void declaresDocumentedParametersAndRejectsUnknownOnes() {
        String name = judge().split("[\\s(]+")[0];
        var schema = Boxes.REGISTRY.find(PluginKind.JUDGE, name).orElseThrow();
        for (var p : schema.params()) assertFalse(p.doc() == null || p.doc().isBlank(), name + "." + p.name() + " has a doc");
        String text = scenario().replace("judge j = " + judge(), "judge j = " + judge() + " no_such_parameter 1");
        String out = Boxes.compile(text).diagnostics().render();
        assertTrue(out.contains("has no parameter `no_such_parameter`"), out);
    }

    /**
     * A judge that says it is agent-local ({@link Judge#agentLocal}) judges a tile of agents, with the tile as its
     * population, as it judges a whole population: a verdict of the tile's shape, whatever the whole's size.
     */
    @Test
    void anAgentLocalJudgeJudgesATileOfAgentsAsAPopulation() {
        // without temptations: agents with shortcut policies are not tiled
        Box box = new Box(Boxes.model(scenario().replace(" temptations 0.5", "")), Boxes.REGISTRY, List.of());
        box.start();
        org.junit.jupiter.api.Assumptions.assumeTrue(box.judge("j").agentLocal(), "not agent-local");
        Population tile = box.population("llm").tile(1, 4);
        Scratch.run("contract", () -> {
            Proposals all = box.propose("llm", PROPOSALS, new TickStatement.Frontier(), 0.3);
            var rows = NDArrayIndex.interval(1, 4);
            Proposals p = new Proposals(all.fields().get(rows, NDArrayIndex.all()), all.x().get(rows, NDArrayIndex.all(), NDArrayIndex.all()),
                    all.prediction().get(rows, NDArrayIndex.all(), NDArrayIndex.all()), all.label().get(rows, NDArrayIndex.all(), NDArrayIndex.all()),
                    all.confidence().get(rows, NDArrayIndex.all()), all.noise(), null);
            Judge.Verdict v = box.judge("j").judge(p, new Judge.Context(box.world(), tile, box.context("j", "llm").rng(),
                    box.objectives("llm")));
            assertArrayEquals(new long[] {3, PROPOSALS}, v.accepted().shape());
            assertArrayEquals(new long[] {3, PROPOSALS, 1}, v.labels().shape());
            assertTrue(Double.isFinite(v.labels().sumNumber().doubleValue()), "finite labels");
        });
    }

    @Test
    void judgesEachAgentFromItsOwnProposalsOnly() {
        INDArray[] plain = plain(), shifted = judgeOnce(0.7);
        for (int i = 0; i < plain.length; i++) {
            for (int agent = 1; agent < AGENTS; agent++) {
                assertEquals(plain[i].slice(agent), shifted[i].slice(agent), "agent " + agent + ", part " + i);
            }
        }
    }
}

class AcceptAllContractTest extends JudgeContract { protected String judge() { return "accept_all"; } }

class SelfConfidenceContractTest extends JudgeContract { protected String judge() { return "self_confidence threshold 0.5"; } }

class GroundTruthContractTest extends JudgeContract { protected String judge() { return "ground_truth budget 3 noise 0.1 error gaussian(0.1)"; } }

class GroundTruthPerPopulationContractTest extends JudgeContract { protected String judge() { return "ground_truth budget 7 per population"; } }

class SelfConsistencyContractTest extends JudgeContract { protected String judge() { return "self_consistency"; } }

class SelfRankedContractTest extends JudgeContract { protected String judge() { return "self_ranked keep 2"; } }

class FixedJudgeContractTest extends JudgeContract { protected String judge() { return "fixed_judge examples 50 error student_t(2, 0.1)"; } }

class PeerVoteContractTest extends JudgeContract { protected String judge() { return "peer_vote"; } }

class BestOfContractTest extends JudgeContract { protected String judge() { return "best_of(4, reward)"; } }
