package org.sealedbox.plugins.concepts;

import static org.junit.jupiter.api.Assertions.*;

import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.sealedbox.dsl.schema.Choice;
import org.sealedbox.dsl.schema.IntRange;
import org.sealedbox.dsl.schema.ParamValues;
import org.sealedbox.runtime.box.RandomStreams;
import org.sealedbox.runtime.spi.World;

class ConceptsWorldTest {
    static final int F = 6, W = 8;
    static ConceptsWorld world;

    @BeforeAll
    static void create() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
        world = world(W);
    }

    /** A world of {@link #F} fields of {@code width} inputs, human fields 0..1. */
    static ConceptsWorld world(int width) {
        ParamValues p = ParamValues.defaults(new ConceptsWorld.Factory().schema())
                .with("fields", (long) F).with("width", (long) width).with("human", new IntRange(0, 1));
        return (ConceptsWorld) new ConceptsWorld.Factory().create(p, new RandomStreams(11));
    }

    /**
     * The signs' words are SplittableRandom's of the seed, and a generator moved to where another is after the same
     * number of blocks (without making them) draws what that one draws from there: how the fused tick draws situations
     * on several threads from one generator. Widths that fill a word exactly, leave bits over, fill it with one block,
     * take two words a block, and fill two words exactly.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {8, 24, 64, 100, 128})
    void signsCanBeSoughtAndAreSplittableRandomsWords(int width) {
        ConceptsWorld w = world(width);
        ConceptsWorld.Signs drawing = w.signs(42), counting = w.signs(42);
        long blocks = 0;
        int chunks = (width + 63) / 64;
        long[] all = new long[F * chunks * 200], again = new long[F * chunks];
        int k = 0;
        for (int i = 0; i < 200; i++) {
            int field = (i * 5 + i / 7) % F;
            long at = counting.positionAfter(blocks);
            assertEquals(drawing.position(), at, "before situation " + i);
            int start = k;
            k = drawing.draw(field, all, k);
            blocks += (k - start) / chunks;
            ConceptsWorld.Signs sought = drawing.twin();
            sought.seek(at);
            int n = sought.draw(field, again, 0);
            assertArrayEquals(java.util.Arrays.copyOfRange(all, start, k), java.util.Arrays.copyOf(again, n), "situation " + i);
        }
        if (width == 8) { // eight blocks' signs a word, low bits first
            java.util.SplittableRandom r = new java.util.SplittableRandom(42);
            long word = r.nextLong();
            for (int b = 0; b < 8; b++) assertEquals((word >>> (8 * b)) & 0xff, all[b], "block " + b);
        }
    }

    @Test
    void teacherHasEqualEnergyInEveryBlock() {
        INDArray t = world.teacher().reshape(1, F, W);
        for (int f = 0; f < F; f++) {
            double norm = t.get(NDArrayIndex.point(0), NDArrayIndex.point(f), NDArrayIndex.all()).norm2Number().doubleValue();
            assertEquals(1.0, norm, 1e-5, "block " + f);
        }
    }

    @Test
    void aSituationActivatesItsFieldAndItsAncestorsScaledByAlphaPerHop() {
        INDArray index = Nd4j.createFromArray(new float[][] {{3}});
        INDArray x = world.situations(index, new RandomStreams(1).stream("t")).reshape(F, W);
        double[] expected = {0.343, 0.49, 0.7, 1.0, 0, 0}; // chain: field 3 builds on 2, 1, 0
        for (int f = 0; f < F; f++) {
            INDArray block = x.getRow(f);
            assertEquals(expected[f], block.amaxNumber().doubleValue(), 1e-5, "amplitude of block " + f);
            assertEquals(expected[f] * expected[f] * W, block.mul(block).sumNumber().doubleValue(), 1e-4, "energy of block " + f);
        }
    }

    /**
     * Every input of a situation is exactly ±its block's amplitude (0 in a block the field does not build on), each sign
     * a fair coin independent of the others, the same for the same stream: over more rows than one chunk of the
     * generator, fields mixed (a row of the buffer that held a deeper field must be zeroed), blocks narrower and wider
     * than a 64-bit word.
     */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 8, 100})
    void situationsAreFairSignsTimesTheAmplitude(int width) {
        ConceptsWorld w = world(width);
        int d = F * width, rows = 2 * ((1 << 20) / d / 2 + 1000); // past the first chunk of rows, an even number
        float[] f = new float[rows];
        for (int r = 0; r < rows; r++) f[r] = (r * 7 + r / 3) % F;
        INDArray fields = Nd4j.createFromArray(f).reshape(2, rows / 2);
        INDArray x = w.situations(fields, new RandomStreams(3).stream("s")).reshape(rows, d);
        assertEquals(x, w.situations(fields, new RandomStreams(3).stream("s")).reshape(rows, d), "the same stream, the same situations");
        assertNotEquals(x, w.situations(fields, new RandomStreams(4).stream("s")).reshape(rows, d));
        float[][] v = x.toFloatMatrix();
        double[] plus = new double[d];
        int[] count = new int[d];
        long agree = 0, pairs = 0;
        for (int r = 0; r < rows; r++) {
            INDArray energy = w.blockEnergy().getRow((long) f[r]);
            for (int i = 0; i < d; i++) {
                double amplitude = Math.sqrt(energy.getDouble(i / width));
                assertEquals(amplitude, Math.abs(v[r][i]), 1e-6, "row " + r + " (field " + (int) f[r] + "), input " + i);
                if (amplitude > 0) {
                    count[i]++;
                    if (v[r][i] > 0) plus[i]++;
                    if (i > 0 && v[r][i - 1] != 0) {
                        pairs++;
                        if ((v[r][i] > 0) == (v[r][i - 1] > 0)) agree++;
                    }
                }
            }
        }
        for (int i = 0; i < d; i++) {
            if (count[i] > 0) assertEquals(0.5, plus[i] / count[i], 5 / Math.sqrt(count[i]), "share of + at input " + i);
        }
        if (pairs > 0) assertEquals(0.5, (double) agree / pairs, 5 / Math.sqrt(pairs), "neighbouring signs agree as often as not");
    }

    /** Exposure is each block's mean square input, exactly, whatever the width (1 included: ND4J reduces that axis oddly). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(ints = {1, 3, 8, 16})
    void exposureIsEachBlocksMeanSquareInput(int width) {
        ConceptsWorld w = world(width);
        INDArray x = Nd4j.rand(new RandomStreams(4).stream("x"), 3, 5, (long) F * width).subi(0.5).muli(3); // [N, P, D]
        INDArray exposure = w.blockExposure(x);
        assertArrayEquals(new long[] {3, 5, F}, exposure.shape());
        for (int n = 0; n < 3; n++) for (int b = 0; b < 5; b++) for (int f = 0; f < F; f++) {
            double sum = 0;
            for (int i = 0; i < width; i++) { double v = x.getDouble(n, b, (long) f * width + i); sum += v * v; }
            assertEquals(sum / width, exposure.getDouble(n, b, f), 1e-5 * Math.max(1, sum), "agent " + n + ", slot " + b + ", block " + f);
        }
        // a situation of field g has ±amplitude[g, f] on every input of block f: its exposure is the block's energy
        INDArray fields = Nd4j.arange(F).castTo(DataType.FLOAT).reshape(1, F);
        INDArray situations = w.situations(fields, new RandomStreams(5).stream("s")); // [1, F, D]
        assertEquals(w.blockEnergy(), w.blockExposure(situations).reshape(F, F));
    }

    @Test
    void humanDataCoversOnlyTheHumanFields() {
        World.Batch batch = world.humanData(500, new RandomStreams(2).stream("h"));
        INDArray exposure = world.blockExposure(batch.x()).sum(0); // [F]
        assertTrue(exposure.getDouble(0) > 0 && exposure.getDouble(1) > 0);
        for (int f = 2; f < F; f++) assertEquals(0.0, exposure.getDouble(f), 0.0, "field " + f + " is not human");
        // labels are the truth plus human noise (sd 0.1 by default)
        INDArray truth = world.truth(batch.x().reshape(1, 500, F * W)).reshape(500, 1);
        double sd = batch.y().sub(truth).std(true, 0).getDouble(0);
        assertEquals(0.1, sd, 0.02);
    }

    /** The exact per-field MSE must agree with a held-out Monte-Carlo estimate on sampled situations. */
    @Test
    void exactFieldErrorsAgreeWithSampledSituations() {
        INDArray theta = world.teacher().reshape(1, 1, F * W).add(Nd4j.randn(new RandomStreams(5).stream("p"), 1, 1, F * W).muli(0.3));
        World.FieldErrors exact = world.linearFieldErrors(theta);
        int samples = 20000;
        for (int f = 0; f < F; f++) {
            INDArray index = Nd4j.zeros(DataType.FLOAT, 1, samples).addi(f);
            INDArray x = world.situations(index, new RandomStreams(6 + f).stream("s"));
            INDArray err = Nd4j.matmul(x, theta, false, true, false).sub(world.truth(x));
            double mse = err.mul(err).meanNumber().doubleValue();
            double y2 = world.truth(x).mul(world.truth(x)).meanNumber().doubleValue();
            assertEquals(exact.mse().getDouble(0, f), mse, 0.05 * exact.mse().getDouble(0, f), "MSE of field " + f);
            assertEquals(exact.variance().getDouble(f), y2, 0.05 * y2, "variance of field " + f);
        }
    }

    @Test
    void treeStructureHasEachFieldBuildOnItsParent() {
        Structure tree = new Structure(7, new Choice("tree", 2L), 0.5);
        assertEquals(List.of(0), tree.parents.get(1));
        assertEquals(List.of(0), tree.parents.get(2));
        assertEquals(List.of(1), tree.parents.get(3));
        assertEquals(List.of(2), tree.parents.get(6));
        assertEquals(0.25, tree.amplitude[6][0], 1e-12, "two hops: 6 → 2 → 0");
        assertEquals(0.0, tree.amplitude[6][1], 0.0, "1 is not an ancestor of 6");
    }

    @Test
    void inputEnergyIsTheLargestExpectedSquaredNorm() {
        Structure chain = new Structure(3, new Choice("chain", null), 0.5);
        assertEquals(4 * (1 + 0.25 + 0.0625), chain.maxEnergy(4), 1e-12);
    }

    @Test
    void randomStructuresAreFixedByTheirOwnSeedAndOnlyPointBackwards() {
        Structure all = new Structure(5, new Choice("random", 1.0), 0.5, 3);
        assertEquals(List.of(0, 1, 2, 3), all.parents.get(4));
        assertEquals(0.5, all.amplitude[4][0], 1e-12, "every earlier field is one hop away");
        Structure none = new Structure(5, new Choice("random", 0.0), 0.5, 3);
        assertTrue(none.parents.stream().allMatch(List::isEmpty));
        Structure a = new Structure(30, new Choice("random", 0.2), 0.7, 9), b = new Structure(30, new Choice("random", 0.2), 0.7, 9);
        assertEquals(a.parents, b.parents);
        assertNotEquals(a.parents, new Structure(30, new Choice("random", 0.2), 0.7, 10).parents);
        long edges = a.parents.stream().mapToLong(List::size).sum();
        assertTrue(edges > 0.1 * 435 && edges < 0.3 * 435, "about p of the 435 possible edges: " + edges);
    }
}
