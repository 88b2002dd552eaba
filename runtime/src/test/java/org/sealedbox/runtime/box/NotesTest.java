package org.sealedbox.runtime.box;

import static org.junit.jupiter.api.Assertions.*;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NotesTest {
    @BeforeAll
    static void floats() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    static INDArray values(float... v) {
        return Nd4j.createFromArray(v).reshape(2, v.length / 2, 1);
    }

    /** Agent {@code n}'s notes as a sorted list of their x values (which slot holds which carries no meaning). */
    static List<Double> read(Notes notes, int n) {
        List<Double> out = new ArrayList<>();
        for (int c = 0; c < notes.capacity(); c++) {
            if (notes.valid().getDouble(n, c) > 0) out.add(notes.x().getDouble(n, c, 0));
        }
        out.sort(null);
        return out;
    }

    @Test
    void keepsEachAgentsMostRecentAcceptedNotes() {
        Notes notes = new Notes(2, 3, 1, 1);
        notes.write(values(1, 2, 11, 12), values(1, 2, 11, 12), Nd4j.createFromArray(new float[][] {{1, 0}, {1, 1}}), null);
        assertEquals(List.of(1.0), read(notes, 0));
        assertEquals(List.of(11.0, 12.0), read(notes, 1));
        notes.write(values(3, 4, 13, 14), values(3, 4, 13, 14), Nd4j.createFromArray(new float[][] {{1, 1}, {0, 1}}), null);
        assertEquals(List.of(1.0, 3.0, 4.0), read(notes, 0));
        assertEquals(List.of(11.0, 12.0, 14.0), read(notes, 1));
        notes.write(values(5, 6, 15, 16), values(5, 6, 15, 16), Nd4j.createFromArray(new float[][] {{1, 1}, {0, 0}}), null);
        assertEquals(List.of(3.0, 5.0, 6.0), read(notes, 0), "a full context forgets its oldest notes");
        assertEquals(List.of(11.0, 12.0, 14.0), read(notes, 1), "nothing accepted, nothing changes");
        assertEquals(notes.x(), notes.y(), "answers travel with their situations");
    }

    @Test
    void ofMoreThanFitInOneTickTheFirstProposalsAreTheNewest() {
        Notes notes = new Notes(2, 2, 1, 1);
        notes.write(values(1, 2, 3, 11, 12, 13), values(1, 2, 3, 11, 12, 13),
                Nd4j.createFromArray(new float[][] {{1, 1, 1}, {1, 0, 1}}), null);
        assertEquals(List.of(1.0, 2.0), read(notes, 0));
        assertEquals(List.of(11.0, 13.0), read(notes, 1));
    }

    /** The ring against the plain reading of "each agent's C most recent accepted notes", over random ticks. */
    @ParameterizedTest(name = "{0} agents, capacity {1}, {2} proposals")
    @CsvSource({"5, 4, 3", "7, 3, 8", "3, 16, 5", "4, 1, 2"})
    void agreesWithAQueuePerAgent(int agents, int capacity, int proposals) {
        Notes notes = new Notes(agents, capacity, 2, 1);
        List<Deque<Float>> expected = new ArrayList<>();
        for (int n = 0; n < agents; n++) expected.add(new ArrayDeque<>());
        SplittableRandom random = new SplittableRandom(proposals);
        float id = 1;
        for (int tick = 0; tick < 12; tick++) {
            float[][][] x = new float[agents][proposals][2];
            float[][] accepted = new float[agents][proposals];
            for (int n = 0; n < agents; n++) {
                for (int p = 0; p < proposals; p++) {
                    x[n][p][0] = id;
                    x[n][p][1] = -id++;
                    accepted[n][p] = random.nextDouble() < 0.6 ? 1 : 0;
                }
                for (int p = proposals - 1; p >= 0; p--) { // proposal 0 is the newest
                    if (accepted[n][p] == 0) continue;
                    expected.get(n).addFirst(x[n][p][0]);
                    if (expected.get(n).size() > capacity) expected.get(n).removeLast();
                }
            }
            INDArray xs = Nd4j.createFromArray(x);
            notes.write(xs, xs.get(org.nd4j.linalg.indexing.NDArrayIndex.all(), org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 1)), Nd4j.createFromArray(accepted), null);
            for (int n = 0; n < agents; n++) {
                List<Double> want = expected.get(n).stream().map(Float::doubleValue).sorted().toList();
                assertEquals(want, read(notes, n), "agent " + n + " after tick " + tick);
                for (int c = 0; c < capacity; c++) {
                    if (notes.valid().getDouble(n, c) > 0) {
                        assertEquals(-notes.x().getDouble(n, c, 0), notes.x().getDouble(n, c, 1), "a situation stays whole");
                        assertEquals(notes.x().getDouble(n, c, 0), notes.y().getDouble(n, c, 0), "with its answer");
                    }
                }
            }
        }
    }

    @Test
    void aBoardKeepsARandomSubsetOfWhatEveryAgentWrote() {
        Notes board = new Notes(1, 4, 1, 1);
        float[] v = new float[2 * 5];
        for (int i = 0; i < v.length; i++) v[i] = i + 1;
        INDArray x = Nd4j.createFromArray(v).reshape(2, 5, 1);
        float[][] accepted = {{1, 0, 1, 1, 0}, {1, 1, 0, 1, 1}}; // 7 accepted, room for 4
        var rng = Nd4j.getRandomFactory().getNewRandomInstance(3);
        board.write(x, x, Nd4j.createFromArray(accepted), rng);
        List<Double> kept = read(board, 0);
        assertEquals(4, kept.size(), "the board is full");
        for (double k : kept) assertEquals(1, accepted[(int) (k - 1) / 5][(int) (k - 1) % 5], "only accepted notes: " + kept);
        assertEquals(kept.stream().distinct().count(), kept.size(), "no note twice");
        // over many draws, every accepted note is kept about 4/7 of the time
        int[] times = new int[10];
        for (int trial = 0; trial < 700; trial++) {
            Notes b = new Notes(1, 4, 1, 1);
            b.write(x, x, Nd4j.createFromArray(accepted), rng);
            for (double k : read(b, 0)) times[(int) k - 1]++;
        }
        for (int i = 0; i < 10; i++) {
            if (accepted[i / 5][i % 5] == 0) assertEquals(0, times[i]);
            else assertEquals(400, times[i], 60, "note " + (i + 1) + " kept " + times[i] + " of 700 times");
        }
    }
}
