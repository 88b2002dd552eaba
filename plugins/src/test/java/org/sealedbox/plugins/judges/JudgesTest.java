package org.sealedbox.plugins.judges;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.schema.Choice;
import org.sealedbox.dsl.schema.IntRange;
import org.sealedbox.dsl.schema.ParamValues;
import org.sealedbox.plugins.concepts.ConceptsWorld;
import org.sealedbox.plugins.models.LinearModel;
import org.sealedbox.runtime.box.RandomStreams;
import org.sealedbox.runtime.spi.*;

/** Each judge on hand-made proposals whose right answers are known. */
class JudgesTest {
    static final int N = 6, P = 8;
    static World world;
    static Model model;
    static Proposals proposals; // labels: the truth for even slots, far off for odd ones
    static PopulationView population;

    @BeforeAll
    static void setUp() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        RandomStreams streams = new RandomStreams(4);
        ParamValues wp = ParamValues.defaults(new ConceptsWorld.Factory().schema())
                .with("fields", 6L).with("width", 4L).with("human", new IntRange(0, 2));
        world = new ConceptsWorld.Factory().create(wp, streams);
        model = new LinearModel.Factory().create(N, world, ParamValues.defaults(new LinearModel.Factory().schema()), streams.stream("m"));
        INDArray fields = Nd4j.zeros(DataType.FLOAT, N, P).addi(1);
        INDArray x = world.situations(fields, streams.stream("x"));
        INDArray truth = world.truth(x);
        INDArray label = truth.dup();
        for (int p = 1; p < P; p += 2) label.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.point(p)).addi(5.0);
        INDArray confidence = Nd4j.createFromArray(new float[] {0.1f, 0.9f, 0.3f, 0.8f, 0.2f, 0.7f, 0.4f, 0.6f}).reshape(1, P).repeat(0, N).reshape(N, P);
        proposals = new Proposals(fields, x, model.predict(x), label, confidence, 0.3);
        population = new PopulationView() {
            public String name() { return "pop"; }
            public Model model() { return model; }
            public Model effective() { return model; }
            public Model pretrained() { return model.replicate(1); }
            public INDArray exposure() { return Nd4j.zeros(N, 6); }
            public Confidence confidence() { return null; }
            public INDArray signal() { return Nd4j.ones(N); }
            public INDArray humanSignal() { return Nd4j.ones(N); }
            public int generation() { return 0; }
        };
    }

    static Judge.Context context(String purpose) {
        return new Judge.Context(world, population, new RandomStreams(9).stream(purpose));
    }

    static ParamValues params(JudgeFactory f) {
        return ParamValues.defaults(f.schema());
    }

    @Test
    void groundTruthRevealsTheConsequencesOfItsBudgetPerAgent() {
        Judge j = new GroundTruth.Factory().create(params(new GroundTruth.Factory()).with("budget", 3L).with("noise", 0.0));
        Judge.Verdict v = j.judge(proposals, context("gt"));
        assertEquals(3.0 * N, v.accepted().sumNumber().doubleValue());
        assertEquals(3.0, v.accepted().getRow(0).sumNumber().doubleValue(), "three per agent");
        assertTrue(v.labels().equalsWithEps(world.truth(proposals.x()), 1e-5), "labels are the observed consequences");
    }

    @Test
    void groundTruthCanShareOneBudgetAcrossThePopulation() {
        Judge j = new GroundTruth.Factory().create(params(new GroundTruth.Factory()).with("budget", 5L).with("per", new Choice("population", null)));
        assertEquals(5.0, j.judge(proposals, context("gt")).accepted().sumNumber().doubleValue());
    }

    @Test
    void groundTruthWithAToleranceKeepsOnlyWhatTheWorldBoreOut() {
        Judge j = new GroundTruth.Factory().create(params(new GroundTruth.Factory()).with("budget", (long) P).with("noise", 0.0).with("tolerance", 0.5));
        INDArray accepted = j.judge(proposals, context("gt")).accepted();
        for (int p = 0; p < P; p++) assertEquals(p % 2 == 0 ? 1.0 : 0.0, accepted.getDouble(0, p), "slot " + p);
    }

    @Test
    void selfConsistencyAveragesTheAgentsOwnSamples() {
        Judge loose = new SelfConsistency.Factory().create(params(new SelfConsistency.Factory()).with("samples", 400L).with("tolerance", 100.0));
        Judge.Verdict v = loose.judge(proposals, context("sc"));
        assertEquals((double) N * P, v.accepted().sumNumber().doubleValue());
        double gap = v.labels().sub(proposals.prediction()).std(true).getDouble(0);
        assertTrue(gap < 0.3 / Math.sqrt(400) * 2, "the mean of 400 samples is close to the prediction: " + gap);
        Judge strict = new SelfConsistency.Factory().create(params(new SelfConsistency.Factory()).with("tolerance", 0.0));
        assertEquals(0.0, strict.judge(proposals, context("sc")).accepted().sumNumber().doubleValue(), "noisy samples never agree exactly");
    }

    @Test
    void selfRankedKeepsTheAgentsMostConfidentProposals() {
        Judge j = new SelfRanked.Factory().create(params(new SelfRanked.Factory()).with("keep", 2L));
        INDArray accepted = j.judge(proposals, context("sr")).accepted();
        assertEquals(2.0 * N, accepted.sumNumber().doubleValue());
        assertEquals(1.0, accepted.getDouble(0, 1)); // confidence 0.9
        assertEquals(1.0, accepted.getDouble(0, 3)); // confidence 0.8
    }

    @Test
    void aFixedJudgeAcceptsWhatAgreesWithThePretrainedCritic() {
        Proposals agreeing = new Proposals(proposals.fields(), proposals.x(), proposals.prediction(), proposals.prediction().dup(),
                proposals.confidence(), 0);
        Judge j = new FixedJudge.Factory().create(params(new FixedJudge.Factory()).with("tolerance", 0.01));
        assertEquals((double) N * P, j.judge(agreeing, context("fj")).accepted().sumNumber().doubleValue());
        Proposals off = new Proposals(proposals.fields(), proposals.x(), proposals.prediction(), proposals.prediction().add(1.0),
                proposals.confidence(), 0);
        assertEquals(0.0, j.judge(off, context("fj")).accepted().sumNumber().doubleValue());
    }

    @Test
    void peersVoteWithTheirOwnPredictions() {
        // every agent has the same weights, so peers agree exactly with proposals equal to the agents' predictions
        Proposals own = new Proposals(proposals.fields(), proposals.x(), proposals.prediction(), proposals.prediction().dup(),
                proposals.confidence(), 0);
        Judge j = new PeerVote.Factory().create(params(new PeerVote.Factory()).with("peers", 3L).with("tolerance", 0.01));
        assertEquals((double) N * P, j.judge(own, context("pv")).accepted().sumNumber().doubleValue());
        Proposals off = new Proposals(proposals.fields(), proposals.x(), proposals.prediction(), proposals.prediction().add(1.0),
                proposals.confidence(), 0);
        assertEquals(0.0, j.judge(off, context("pv")).accepted().sumNumber().doubleValue());
    }

    @Test
    void everyJudgeKeepsTheShapes() {
        for (JudgeFactory f : List.of(new AcceptAll.Factory(), new SelfConfidence.Factory(), new GroundTruth.Factory(),
                new SelfConsistency.Factory(), new SelfRanked.Factory(), new FixedJudge.Factory(), new PeerVote.Factory())) {
            Judge.Verdict v = f.create(params(f)).judge(proposals, context(f.schema().name()));
            assertArrayEquals(new long[] {N, P}, v.accepted().shape(), f.schema().name());
            assertArrayEquals(proposals.label().shape(), v.labels().shape(), f.schema().name());
            assertFalse(Double.isNaN(v.labels().sumNumber().doubleValue()), f.schema().name());
        }
    }
}
