package org.sealedbox.runtime.spi;

import java.util.Arrays;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.api.ops.impl.shape.Gather;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Matrix products batched over the agent axis: {@code C[i] = op(A[i]) · op(B[i])} for every agent i of
 * {@code A} [N, ·, ·] and {@code B} [N, ·, ·], as {@code Nd4j.matmul(a, b, transA, transB, false)} computes them.
 *
 * <p>Where one side of each agent's product is a vector (a linear model's prediction x·θᵀ and gradient eᵀ·x, an
 * mlp's output layer, a policy's scores), on the CPU backend in float, each agent's product is one matrix-vector call
 * of the BLAS that ND4J ships (OpenBLAS). ND4J 1.0.0-M2.1 computes that case with loops of its own at 1–1.5 ns per
 * multiply-add on one core; OpenBLAS about 0.3 ns (1e4 agents' 64 notes of 384 inputs: 310 ms against 88 ms; 8
 * situations: 57 against 12 ms). Products of two matrices, on the CPU in float, are one matrix-matrix call per agent
 * ({@code sgemm}), as ND4J's batched matmul makes them (the same numbers, bit for bit: an mlp's layers and their
 * gradients, every transposition); other types and other backends (CUDA) are ND4J's batched matmul. The per-agent
 * calls are shared among the {@link Workers} threads when there is enough work: each agent's call is the same whichever
 * thread makes it.
 *
 * <p>{@link #rows} (a gather of rows) and {@link #setRows} (a scatter: new notes into their slots) are likewise one
 * BLAS copy per row on the CPU.
 */
public final class Batched {
    private Batched() {}

    private static final boolean CPU = Nd4j.getEnvironment().isCPU();

    /** Whether ND4J runs on the CPU backend (where Java loops over native memory are a fair way to fuse a pass). */
    public static boolean cpu() {
        return CPU;
    }

    /** {@code op(a[i]) · op(b[i])} for each agent i: [N, M, L] from a [N, M, K] (or [N, K, M] transposed) and b. */
    public static INDArray matmul(INDArray a, INDArray b, boolean transA, boolean transB) {
        if (!CPU || a.rank() != 3 || b.rank() != 3 || a.dataType() != DataType.FLOAT || b.dataType() != DataType.FLOAT
                || a.size(0) != b.size(0)) {
            return Nd4j.matmul(a, b, transA, transB, false);
        }
        if (a.length() == 0 || b.length() == 0) return Nd4j.matmul(a, b, transA, transB, false);
        return Blas.products(contiguous(a), contiguous(b), transA, transB);
    }

    /**
     * Per agent, the masked residual's product with the inputs: {@code Σ_b mask[b] · (x[b]·θᵀ − y[b]) · x[b]}, [N, k, D],
     * from x [N, B, D], θ [N, k, D], y [N, B, k] and mask [N, B]: a linear least-squares gradient before its division
     * by B. On the CPU, in float, with one output (k = 1), each agent's two matrix-vector products run back to back, so
     * that the second reads the agent's x from cache rather than memory (a notes context is 98 kB an agent); the same
     * numbers as the products one after the other.
     */
    public static INDArray residualTimesInputs(INDArray x, INDArray theta, INDArray y, INDArray mask) {
        long pairs = x.size(0) * x.size(1);
        if (!CPU || x.rank() != 3 || theta.rank() != 3 || theta.size(1) != 1 || theta.size(0) != x.size(0)
                || theta.size(2) != x.size(2) || y.length() != pairs || mask.length() != pairs || x.dataType() != DataType.FLOAT
                || theta.dataType() != DataType.FLOAT || y.dataType() != DataType.FLOAT || mask.dataType() != DataType.FLOAT) {
            INDArray error = matmul(x, theta, false, true).subi(y); // [N, B, k]
            org.nd4j.linalg.factory.Broadcast.mul(error, mask, error, 0, 1);
            return matmul(error, x, true, false);
        }
        return Blas.residualTimesInputs(contiguous(x), contiguous(theta), y.reshape(y.length()).toFloatVector(),
                mask.reshape(mask.length()).toFloatVector());
    }

    /**
     * In place: row {@code index[i]} of {@code target} [R, W] becomes row i of {@code rows} [M, W], for i in order (of
     * two rows for the same place the later stays). On the CPU in float, one BLAS copy per row: ND4J's
     * {@code scatter_upd} costs about 1.6 µs per row whatever its width (130 ms for 1e4 agents' 8 new notes).
     */
    public static void setRows(INDArray target, INDArray index, INDArray rows) {
        INDArray i = index.reshape(index.length()).castTo(DataType.INT);
        INDArray r = rows.castTo(target.dataType());
        if (copiesRows(target) && isContiguous(target)) {
            Blas.copyRows(contiguous(r.reshape(i.length(), target.size(1))), null, target, i.toIntVector());
        } else {
            Nd4j.exec(DynamicCustomOp.builder("scatter_upd").addInputs(target, i, r).addOutputs(target).build());
        }
    }

    /**
     * Rows of {@code source} [R, W] picked by {@code index} (any shape, integral values): [index.length, W]. On the CPU,
     * one BLAS copy per row: ND4J's gather takes about 1 µs per row (80 k rows: 83 → 75 ms for rows of 384 floats into
     * fresh memory, 17 → 10 ms for rows of 24 doubles).
     */
    public static INDArray rows(INDArray source, INDArray index) {
        INDArray i = index.reshape(index.length()).castTo(DataType.INT);
        if (!copiesRows(source)) return Nd4j.exec(new Gather(source, i, 0))[0];
        INDArray out = Nd4j.createUninitialized(source.dataType(), i.length(), source.size(1));
        Blas.copyRows(contiguous(source), i.toIntVector(), out, null);
        return out;
    }

    /**
     * In place: elements [{@code offset}, {@code offset + length}) of {@code target} (float, row-major) become
     * {@code values[0, length)}. On the CPU one copy from the Java array into the array's memory; elsewhere an assign
     * to a view.
     */
    public static void write(INDArray target, long offset, float[] values, int length) {
        checkCopy("write", target, offset, values, length);
        if (CPU) {
            pointer(target).position(offset).put(values, 0, length);
        } else {
            target.reshape(target.length()).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + length))
                    .assign(Nd4j.createFromArray(Arrays.copyOf(values, length)));
        }
    }

    /**
     * Copies {@code length} elements of {@code source} (a row-major float array, or a contiguous view of one), from
     * element {@code offset} on, into {@code values}: one JavaCPP copy on the CPU, through a Java array elsewhere.
     */
    public static void read(INDArray source, long offset, float[] values, int length) {
        checkCopy("read", source, offset, values, length);
        if (CPU) {
            pointer(source).position(offset).get(values, 0, length);
        } else {
            float[] all = source.reshape(source.length()).get(org.nd4j.linalg.indexing.NDArrayIndex.interval(offset, offset + length)).toFloatVector();
            System.arraycopy(all, 0, values, 0, length);
        }
    }

    /** That {@code a} is a row-major float array and elements [offset, offset + length) fit in it and in {@code values}. */
    private static void checkCopy(String what, INDArray a, long offset, float[] values, int length) {
        if (a.dataType() != DataType.FLOAT || !isContiguous(a)) {
            throw new IllegalArgumentException(what + " needs a row-major float array, not " + a.dataType() + " " + a.ordering());
        }
        if (offset < 0 || length < 0 || length > values.length || offset + length > a.length()) {
            throw new IndexOutOfBoundsException("elements " + offset + ".." + (offset + length) + " of " + a.length());
        }
    }

    private static boolean copiesRows(INDArray a) {
        return CPU && a.rank() == 2 && (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE);
    }

    /**
     * Whether the elements lie one after the other in row-major order: each axis's stride is the product of the sizes
     * after it, axes of size 1 aside (whatever order the array says it is in: a vector, or a view of rows of [N, 1],
     * may say 'f').
     */
    private static boolean isContiguous(INDArray a) {
        long expected = 1;
        for (int i = a.rank() - 1; i >= 0; i--) {
            if (a.size(i) != 1 && a.stride(i) != expected) return false;
            expected *= a.size(i);
        }
        return true;
    }

    /** The same elements in row-major order, without a copy when they already are. */
    private static INDArray contiguous(INDArray a) {
        return isContiguous(a) ? a : a.dup('c');
    }

    /**
     * A row-major float array's memory from its first element, on the CPU, for BLAS calls of one's own on tensors where
     * they lie (a fused pass's products on an mlp's W1). Throws when the array is not one.
     */
    public static FloatPointer memory(INDArray a) {
        if (!CPU || a.dataType() != DataType.FLOAT || !isContiguous(a)) {
            throw new IllegalArgumentException("memory needs a row-major float array on the CPU, not " + a.dataType() + " "
                    + Arrays.toString(a.shape()) + " strides " + Arrays.toString(a.stride()));
        }
        return pointer(a);
    }

    /** A float array's memory, from its first element: a view's data buffer starts there (its offset already applied). */
    private static FloatPointer pointer(INDArray a) {
        return new FloatPointer(a.data().addressPointer());
    }

    /** The OpenBLAS calls, in a class of their own: it is loaded (with OpenBLAS's native library) only on the CPU. */
    private static final class Blas {
        private static final int ROW_MAJOR = openblas.CblasRowMajor, NO = openblas.CblasNoTrans, T = openblas.CblasTrans;

        /**
         * {@link Batched#matmul}: per agent, one matrix-vector call where op(a[i]) is a row vector or op(b[i]) a column
         * vector, else one matrix-matrix call.
         */
        static INDArray products(INDArray a, INDArray b, boolean transA, boolean transB) {
            int n = (int) a.size(0);
            int ra = (int) a.size(1), ca = (int) a.size(2), rb = (int) b.size(1), cb = (int) b.size(2); // as stored
            int m = transA ? ca : ra, k = transA ? ra : ca, l = transB ? rb : cb;
            if ((transB ? cb : rb) != k) {
                throw new IllegalArgumentException("batched matmul: " + Arrays.toString(a.shape()) + (transA ? "ᵀ" : "")
                        + " · " + Arrays.toString(b.shape()) + (transB ? "ᵀ" : "") + " do not match");
            }
            INDArray c = Nd4j.createUninitialized(DataType.FLOAT, n, m, l);
            FloatPointer a0 = pointer(a), b0 = pointer(b), c0 = pointer(c); // each at its array's first element
            long sa = (long) ra * ca, sb = (long) rb * cb, sc = (long) m * l;
            int parts = parts(n, (long) m * k * l);
            Workers.run(parts, part -> {
                FloatPointer pa = new FloatPointer(a0), pb = new FloatPointer(b0), pc = new FloatPointer(c0);
                for (int i = first(n, parts, part), end = first(n, parts, part + 1); i < end; i++) {
                    pa.position(i * sa);
                    pb.position(i * sb);
                    pc.position(i * sc);
                    if (l == 1) {        // c = op(a) · b, b a vector of k
                        openblas.cblas_sgemv(ROW_MAJOR, transA ? T : NO, ra, ca, 1f, pa, ca, pb, 1, 0f, pc, 1);
                    } else if (m == 1) { // c = a · op(b) with a a vector of k: cᵀ = op(b)ᵀ · a
                        openblas.cblas_sgemv(ROW_MAJOR, transB ? NO : T, rb, cb, 1f, pb, cb, pa, 1, 0f, pc, 1);
                    } else {
                        openblas.cblas_sgemm(ROW_MAJOR, transA ? T : NO, transB ? T : NO, m, l, k, 1f, pa, ca, pb, cb, 0f, pc, l);
                    }
                }
            });
            return c;
        }

        /**
         * Threads for {@code n} agents' products of {@code perAgent} multiply-adds each: about a million multiply-adds
         * (a few hundred µs) a thread at least, as waking one takes about 0.1 ms. Each agent's product is the same
         * BLAS call on whichever thread runs it, so the numbers do not depend on how many there are.
         */
        private static int parts(int n, long perAgent) {
            return (int) Math.max(1, Math.min(Math.min(Workers.count(), n), n * perAgent / (1 << 20)));
        }

        /** The first agent of part {@code part} of {@code parts} (contiguous shares of [0, n)). */
        private static int first(int n, int parts, int part) {
            return (int) ((long) n * part / parts);
        }

        static INDArray residualTimesInputs(INDArray x, INDArray theta, float[] y, float[] mask) {
            int n = (int) x.size(0), b = (int) x.size(1), d = (int) x.size(2);
            INDArray g = Nd4j.createUninitialized(DataType.FLOAT, n, 1, d);
            FloatPointer x0 = pointer(x), t0 = pointer(theta), g0 = pointer(g);
            int parts = parts(n, 2L * b * d);
            Workers.run(parts, part -> {
                FloatPointer px = new FloatPointer(x0), pt = new FloatPointer(t0), pg = new FloatPointer(g0);
                float[] e = new float[b];
                try (FloatPointer pe = new FloatPointer(b)) {
                    for (int i = first(n, parts, part), end = first(n, parts, part + 1); i < end; i++) {
                        px.position((long) i * b * d);
                        pt.position((long) i * d);
                        pg.position((long) i * d);
                        openblas.cblas_sgemv(ROW_MAJOR, NO, b, d, 1f, px, d, pt, 1, 0f, pe, 1); // x·θᵀ
                        pe.get(e, 0, b);
                        for (int j = 0, at = i * b; j < b; j++, at++) e[j] = (e[j] - y[at]) * mask[at];
                        pe.put(e, 0, b);
                        openblas.cblas_sgemv(ROW_MAJOR, T, b, d, 1f, px, d, pe, 1, 0f, pg, 1);  // xᵀ·error
                    }
                }
            });
            return g;
        }

        /**
         * Row {@code from[i]} of {@code source} to row {@code to[i]} of {@code target}, for each i in order; a null
         * index is 0, 1, 2, … Both arrays row-major, of the same width and type (float or double).
         */
        static void copyRows(INDArray source, int[] from, INDArray target, int[] to) {
            int width = (int) target.size(1), count = from != null ? from.length : to.length;
            long sourceRows = source.size(0), targetRows = target.size(0);
            boolean single = target.dataType() == DataType.FLOAT;
            Pointer src = single ? pointer(source) : new DoublePointer(source.data().addressPointer());
            Pointer dst = single ? pointer(target) : new DoublePointer(target.data().addressPointer());
            for (int i = 0; i < count; i++) {
                long r = from != null ? from[i] : i, w = to != null ? to[i] : i;
                if (r < 0 || r >= sourceRows) throw new IndexOutOfBoundsException("row " + r + " of " + sourceRows);
                if (w < 0 || w >= targetRows) throw new IndexOutOfBoundsException("row " + w + " of " + targetRows);
                src.position(r * width);
                dst.position(w * width);
                if (single) openblas.cblas_scopy(width, (FloatPointer) src, 1, (FloatPointer) dst, 1);
                else openblas.cblas_dcopy(width, (DoublePointer) src, 1, (DoublePointer) dst, 1);
            }
        }
    }
}
