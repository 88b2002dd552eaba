package org.sealedbox.runtime.spi;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;

class BatchedTest {
    @BeforeAll
    static void floats() {
        Nd4j.setDefaultDataTypes(DataType.FLOAT, DataType.FLOAT);
    }

    static INDArray random(long seed, long... shape) {
        return Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), shape).castTo(DataType.FLOAT).subi(0.5);
    }

    static void assertSame(INDArray want, INDArray got) {
        assertArrayEquals(want.shape(), got.shape());
        double scale = want.norm2Number().doubleValue() / Math.sqrt(want.length());
        double off = want.sub(got).amaxNumber().doubleValue();
        assertTrue(off <= 1e-5 * Math.max(scale, 1), "largest difference " + off + " (typical value " + scale + ")");
    }

    /** Every case the models use (a vector on either side, matrices) with each transposition, against ND4J's matmul. */
    @ParameterizedTest(name = "[{0}, {1}, {2}] · [{0}, {2}, {3}], transposed {4} {5}")
    @CsvSource({
            "5, 8, 24, 1, false, true",   // a linear model's predictions: x · θᵀ
            "5, 8, 1, 24, true, false",   // its gradient: errorᵀ · x
            "5, 1, 24, 1, false, false",
            "5, 8, 24, 6, false, true",   // an mlp's layer: x · W1ᵀ
            "5, 6, 8, 24, true, false",   // its gradient: dzᵀ · x
            "5, 8, 6, 3, false, false",
            "3, 7, 5, 4, true, true",
            "4, 1, 9, 5, false, true",
            "4, 3, 9, 1, true, true"})
    void computesWhatNd4jsMatmulComputes(int n, int m, int k, int l, boolean transA, boolean transB) {
        INDArray a = transA ? random(1, n, k, m) : random(1, n, m, k);
        INDArray b = transB ? random(2, n, l, k) : random(2, n, k, l);
        INDArray want = Nd4j.matmul(a, b, transA, transB, false), got = Batched.matmul(a, b, transA, transB);
        assertSame(want, got);
        if (m != 1 && l != 1) assertArrayEquals(want.data().asFloat(), got.data().asFloat(), "two matrices: bit for bit");
    }

    @Test
    void readsViewsAndPermutedArraysAsTheyAre() {
        INDArray big = random(3, 9, 8, 24);
        INDArray rows = big.get(NDArrayIndex.interval(4, 9), NDArrayIndex.all(), NDArrayIndex.all()); // a view, offset
        INDArray theta = random(4, 5, 24, 2).permute(0, 2, 1); // [5, 2, 24], not in row-major order
        assertSame(Nd4j.matmul(rows, theta, false, true, false), Batched.matmul(rows, theta, false, true));
        assertEquals(big.get(NDArrayIndex.interval(4, 9), NDArrayIndex.all(), NDArrayIndex.all()), rows, "inputs unchanged");
    }

    @Test
    void doublesAndMismatchedShapesGoToNd4j() {
        INDArray a = random(5, 3, 4, 6).castTo(DataType.DOUBLE), b = random(6, 3, 6, 2).castTo(DataType.DOUBLE);
        assertEquals(Nd4j.matmul(a, b), Batched.matmul(a, b, false, false));
        assertThrows(IllegalArgumentException.class, () -> Batched.matmul(random(7, 3, 4, 6), random(8, 3, 5, 1), false, false));
    }

    /** Rows land where the index says, a later one for the same place winning, as ND4J's scatter_upd does them. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"FLOAT", "DOUBLE"})
    void setsRowsInPlaceAsScatterDoes(DataType type) {
        INDArray target = random(9, 6, 4).castTo(type), rows = random(10, 5, 4).castTo(type);
        INDArray index = Nd4j.createFromArray(new int[] {5, 0, 5, 2, 3});
        INDArray want = target.dup();
        Nd4j.exec(org.nd4j.linalg.api.ops.DynamicCustomOp.builder("scatter_upd").addInputs(want, index, rows).addOutputs(want).build());
        Batched.setRows(target, index, rows);
        assertEquals(want, target);
        assertEquals(rows.getRow(2), target.getRow(5), "the later of two rows for one place");
        assertEquals(want.getRow(1), target.getRow(1), "untouched rows stay");
    }

    @Test
    void setsRowsOfAViewInTheArrayItViews() {
        INDArray whole = Nd4j.zeros(DataType.FLOAT, 7, 3);
        INDArray tail = whole.get(NDArrayIndex.interval(2, 7), NDArrayIndex.all());
        Batched.setRows(tail, Nd4j.createFromArray(new int[] {4, 0}), Nd4j.ones(DataType.FLOAT, 2, 3));
        assertEquals(6.0, whole.sumNumber().doubleValue(), 1e-9, "rows 2 and 6 of the whole, nothing else");
        assertEquals(3.0, whole.getRow(6).sumNumber().doubleValue(), 1e-9);
        assertEquals(3.0, whole.getRow(2).sumNumber().doubleValue(), 1e-9);
        assertThrows(IndexOutOfBoundsException.class, () -> Batched.setRows(tail, Nd4j.createFromArray(new int[] {5}), Nd4j.ones(DataType.FLOAT, 1, 3)));
    }

    /** The gather: the same rows as ND4J's, from row-major arrays, views and transposed ones, in float and double. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"FLOAT", "DOUBLE"})
    void picksTheRowsNd4jsGatherPicks(DataType type) {
        INDArray source = random(11, 8, 5).castTo(type);
        INDArray index = Nd4j.createFromArray(new double[][] {{7, 0, 7}, {3, 3, 1}}); // any shape, integral values
        INDArray want = Nd4j.exec(new org.nd4j.linalg.api.ops.impl.shape.Gather(source, index.reshape(6).castTo(DataType.INT), 0))[0];
        assertEquals(want, Batched.rows(source, index));
        INDArray view = random(12, 20, 5).castTo(type).get(NDArrayIndex.interval(4, 12), NDArrayIndex.all());
        assertEquals(view.getRow(7), Batched.rows(view, Nd4j.createFromArray(new int[] {7})).getRow(0));
        INDArray transposed = random(13, 5, 8).castTo(type).transpose(); // [8, 5], column-major
        assertEquals(transposed.getRow(2), Batched.rows(transposed, Nd4j.createFromArray(new int[] {2})).getRow(0));
        assertThrows(IndexOutOfBoundsException.class, () -> Batched.rows(source, Nd4j.createFromArray(new int[] {8})));
    }

    /** The fused least-squares product gives, bit for bit, the residual's product computed in three steps. */
    @ParameterizedTest(name = "{0} agents, {1} examples, {2} inputs, {3} outputs")
    @CsvSource({"4, 8, 24, 1", "3, 64, 40, 1", "2, 5, 7, 2"})
    void residualTimesInputsIsTheThreeStepsInOne(int n, int b, int d, int k) {
        INDArray x = random(14, n, b, d), theta = random(15, n, k, d), y = random(16, n, b, k);
        INDArray mask = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(17), n, b).castTo(DataType.FLOAT).gt(0.3).castTo(DataType.FLOAT);
        INDArray error = Batched.matmul(x, theta, false, true).subi(y);
        org.nd4j.linalg.factory.Broadcast.mul(error, mask, error, 0, 1);
        INDArray want = Batched.matmul(error, x, true, false);
        INDArray got = Batched.residualTimesInputs(x, theta, y, mask);
        assertArrayEquals(want.shape(), got.shape());
        assertArrayEquals(want.data().asFloat(), got.data().asFloat());
    }

    /** A write puts a Java array's first elements at an offset of the tensor, in a fresh array and in a view, and nowhere else. */
    @org.junit.jupiter.api.Test
    void writesAJavaArrayAtAnOffset() {
        INDArray target = Nd4j.zeros(DataType.FLOAT, 3, 4);
        Batched.write(target, 5, new float[] {1, 2, 3, 9}, 3);
        assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 2, 3, 0, 0, 0, 0}, target.data().asFloat());
        INDArray rows = Nd4j.zeros(DataType.FLOAT, 5, 2).get(NDArrayIndex.interval(2, 4), NDArrayIndex.all()); // rows 2 and 3
        Batched.write(rows, 1, new float[] {7, 8}, 2);
        assertEquals(Nd4j.createFromArray(new float[][] {{0, 7}, {8, 0}}), rows);
        assertThrows(IndexOutOfBoundsException.class, () -> Batched.write(target, 10, new float[] {1, 2, 3}, 3));
        assertThrows(IllegalArgumentException.class, () -> Batched.write(target.transpose(), 0, new float[] {1}, 1));
    }

    /**
     * Enough agents' products to share among threads (200 agents' 64 notes of 384 inputs: 4.9 million multiply-adds):
     * the same numbers, bit for bit, on 1, 2 and 3 threads, in each per-agent BLAS loop.
     */
    @Test
    void theNumbersDoNotDependOnHowManyThreadsShareTheAgents() {
        INDArray x = random(18, 200, 64, 384), theta = random(19, 200, 1, 384), y = random(20, 200, 64, 1);
        INDArray mask = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(21), 200, 64).castTo(DataType.FLOAT).gt(0.3).castTo(DataType.FLOAT);
        java.util.List<INDArray[]> runs = new java.util.ArrayList<>();
        try {
            for (int threads = 1; threads <= 3; threads++) {
                Workers.setCount(threads);
                runs.add(new INDArray[] {Batched.matmul(x, theta, false, true), Batched.matmul(y, x, true, false),
                        Batched.residualTimesInputs(x, theta, y, mask), Batched.matmul(x, x, false, true)});
            }
        } finally {
            Workers.setCount(Workers.configured());
        }
        assertSame(Nd4j.matmul(x, theta, false, true, false), runs.get(0)[0]);
        for (INDArray[] run : runs) {
            for (int i = 0; i < run.length; i++) assertArrayEquals(runs.get(0)[i].data().asFloat(), run[i].data().asFloat());
        }
    }

    /** A tensor's memory for BLAS calls of one's own: a view's begins at its first element; a transposed array has none. */
    @Test
    void givesARowMajorArraysMemoryFromItsFirstElement() {
        INDArray rows = Nd4j.arange(24).castTo(DataType.FLOAT).reshape(4, 2, 3).get(NDArrayIndex.interval(1, 3), NDArrayIndex.all(), NDArrayIndex.all());
        float[] got = new float[3];
        Batched.memory(rows).position(4).get(got, 0, 3);
        assertArrayEquals(new float[] {10, 11, 12}, got);
        assertThrows(IllegalArgumentException.class, () -> Batched.memory(Nd4j.zeros(DataType.FLOAT, 3, 4).transpose()));
        assertThrows(IllegalArgumentException.class, () -> Batched.memory(Nd4j.zeros(DataType.DOUBLE, 3, 4)));
    }

    /** Rows of a column [N, 1] (an mlp's b2; a tile of them is a view that may say it is 'f') are read and written in place. */
    @org.junit.jupiter.api.Test
    void readsAndWritesAViewOfRowsOfAColumn() {
        INDArray column = Nd4j.arange(10).castTo(DataType.FLOAT).reshape(10, 1);
        INDArray rows = column.get(NDArrayIndex.interval(4, 7), NDArrayIndex.all()); // rows 4, 5, 6
        float[] got = new float[3];
        Batched.read(rows, 0, got, 3);
        assertArrayEquals(new float[] {4, 5, 6}, got);
        Batched.write(rows, 1, new float[] {-1}, 1);
        assertEquals(-1f, column.getFloat(5));
        assertEquals(45f - 5f - 1f, column.sumNumber().floatValue(), "nothing else written");
    }

    /** A read copies elements from an offset of the tensor, of a fresh array, of a view of rows and of a view of a vector. */
    @org.junit.jupiter.api.Test
    void readsIntoAJavaArrayFromAnOffset() {
        INDArray source = Nd4j.arange(12).castTo(DataType.FLOAT).reshape(3, 4);
        float[] got = new float[4];
        Batched.read(source, 5, got, 3);
        assertArrayEquals(new float[] {5, 6, 7, 0}, got);
        Batched.read(source.get(NDArrayIndex.interval(1, 3), NDArrayIndex.all()), 1, got, 2); // rows 1 and 2: elements 4..11
        assertArrayEquals(new float[] {5, 6, 7, 0}, got);
        INDArray vector = Nd4j.arange(10).castTo(DataType.FLOAT).get(NDArrayIndex.interval(6, 9)); // 6, 7, 8
        Batched.read(vector, 0, got, 3);
        assertArrayEquals(new float[] {6, 7, 8, 0}, got);
        assertThrows(IndexOutOfBoundsException.class, () -> Batched.read(source, 10, got, 3));
        assertThrows(IndexOutOfBoundsException.class, () -> Batched.read(source, 0, got, 5));
        assertThrows(IllegalArgumentException.class, () -> Batched.read(source.transpose(), 0, got, 1));
    }
}
