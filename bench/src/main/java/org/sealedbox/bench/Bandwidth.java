package org.sealedbox.bench;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * This machine's memory bandwidth, measured as STREAM's "copy" kernel measures it: {@code b = a} over two float arrays
 * far larger than the caches, counted as 2 × the array's bytes per copy (one read, one write), best of several
 * repetitions. It runs through ND4J in the same JVM and with the same thread count as the boxes, so it is the roofline
 * that the engine's own ops can reach.
 */
public final class Bandwidth {
    private Bandwidth() {}

    /** Bytes per second of the best of {@code repetitions} copies of an array of {@code bytes} bytes. */
    public static double copy(long bytes, int repetitions) {
        long n = bytes / 4;
        INDArray a = Nd4j.rand(DataType.FLOAT, n);
        INDArray b = Nd4j.createUninitialized(DataType.FLOAT, n);
        b.assign(a); // first touch of b's pages, not timed
        double best = Double.MAX_VALUE;
        for (int i = 0; i < repetitions; i++) {
            long t0 = System.nanoTime();
            b.assign(a);
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
        }
        a.close();
        b.close();
        return 2.0 * n * 4 / best;
    }
}
