package org.sealedbox.plugins.fused;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.sealedbox.plugins.concepts.ConceptsWorld;
import org.sealedbox.plugins.models.LinearModel;
import org.sealedbox.runtime.spi.Batched;
import org.sealedbox.runtime.spi.Model;
import org.sealedbox.runtime.spi.PopulationView;

/**
 * The fused tick of canon #2's box and its variants with model {@code linear} (what the plugins must be otherwise:
 * {@link ConceptsSft}).
 *
 * <p>Per agent, in Java over its weights, after {@link ConceptsSft}'s choices: per proposal the situation's signs, the
 * prediction and the judge's verdict; then one gradient step on the accepted proposals. Only the blocks active in a
 * situation are read and written: the others are 0 in it. What differs from the unfused tick is the order in which
 * sums are taken (and the SFT step reuses the prediction of proposing, made at the same weights), so the two agree up
 * to float rounding.
 */
public final class ConceptsLinearSft extends ConceptsSft {
    @Override
    Pass pass(Settings settings, Model model) {
        return model instanceof LinearModel ? new Tick(settings) : null;
    }

    /** The pass: θ [N, 1, D] read and written a block of agents at a time. */
    static final class Tick extends ConceptsSft.Tick {
        Tick(Settings settings) {
            super(settings, "linear");
        }

        @Override
        int agents(PopulationView pop) {
            INDArray theta = pop.model().params().get(0);
            if (theta.dataType() != DataType.FLOAT) throw new IllegalStateException("the fused tick needs float weights");
            return (int) theta.size(0);
        }

        @Override
        Agent agent() {
            return new Linear();
        }

        /** At 1,000 agents two threads took 3.9 ms a tick against one's 2.5. */
        @Override
        int minAgentsPerWorker() {
            return 1024;
        }

        /** A worker's room: up to {@link #BLOCK} agents' weights, and one agent's signs. */
        private final class Linear extends Agent {
            final float[] w = new float[BLOCK * dims];
            final long[] bits = new long[count * fields * chunks];
            final int[] bitsAt = new int[count];

            /**
             * Sft: one step on ½·Σ used·(θ·x − y)² / P at the weights the predictions were made with,
             * θ −= lr/P · Σ_j r_j·x_j, each proposal's share subtracted in turn.
             */
            @Override
            boolean learn(Draws d, ConceptsWorld.Signs signs, PopulationView pop, int lo, int hi) {
                INDArray theta = pop.model().params().get(0);
                int p = count, m = hi - lo;
                Batched.read(theta, (long) lo * dims, w, m * dims);
                for (int agent = lo, a = 0; a < m; agent++, a++) {
                    int wa = a * dims, ea = a * fields, pa = agent * p, accepted = 0;
                    for (int j = 0, k = 0; j < p; j++) {
                        int f = field[pa + j];
                        bitsAt[j] = k;
                        k = signs.draw(f, bits, k);
                        if (judge(d, pa, j, dot(f, bits, bitsAt[j], w, wa))) accepted++;
                    }
                    if (accepted == 0) continue;
                    for (int j = 0; j < p; j++) if (kept[j]) step(field[pa + j], bits, bitsAt[j], residual[j] / p * lr, w, wa);
                    account(pa, ea, a, accepted);
                }
                boolean finite = finite(w, 0, m * dims);
                Batched.write(theta, (long) lo * dims, w, m * dims);
                return finite;
            }
        }

        /**
         * θ·x for a situation of {@code field} with the signs at {@code bits[k]}: per active block, its amplitude times
         * the sum of its weights, each times its input's sign (±1, eight at a time from a table of the bytes of a word), in
         * eight partial sums (one sum would wait on each addition before the next).
         */
        private float dot(int field, long[] bits, int k, float[] w, int wo) {
            int[] blocks = active[field];
            float[] amp = amplitude[field];
            float total = 0;
            for (int q = 0; q < blocks.length; q++) {
                float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
                for (int c = 0, o = wo + blocks[q] * width; c < chunks; c++, k++, o += 64) {
                    long m = bits[k];
                    int len = Math.min(64, width - 64 * c), i = 0;
                    for (; i + 8 <= len; i += 8, m >>>= 8) {
                        int t = ((int) m & 0xff) << 3;
                        s0 += w[o + i] * SIGNS[t];
                        s1 += w[o + i + 1] * SIGNS[t + 1];
                        s2 += w[o + i + 2] * SIGNS[t + 2];
                        s3 += w[o + i + 3] * SIGNS[t + 3];
                        s4 += w[o + i + 4] * SIGNS[t + 4];
                        s5 += w[o + i + 5] * SIGNS[t + 5];
                        s6 += w[o + i + 6] * SIGNS[t + 6];
                        s7 += w[o + i + 7] * SIGNS[t + 7];
                    }
                    for (; i < len; i++, m >>>= 1) s0 += signed(w[o + i], m);
                }
                total += amp[q] * (((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)));
            }
            return total;
        }

        /** θ −= g·x for a situation of {@code field} with the signs at {@code bits[k]}: each input is ±amplitude. */
        private void step(int field, long[] bits, int k, float g, float[] w, int wo) {
            int[] blocks = active[field];
            float[] amp = amplitude[field];
            for (int q = 0; q < blocks.length; q++) {
                float d = g * amp[q];
                for (int c = 0, o = wo + blocks[q] * width; c < chunks; c++, k++, o += 64) {
                    long m = bits[k];
                    int len = Math.min(64, width - 64 * c), i = 0;
                    for (; i + 8 <= len; i += 8, m >>>= 8) {
                        int t = ((int) m & 0xff) << 3;
                        for (int r = 0; r < 8; r++) w[o + i + r] -= d * SIGNS[t + r];
                    }
                    for (; i < len; i++, m >>>= 1) w[o + i] -= signed(d, m);
                }
            }
        }

        /** For each byte t of signs, at 8·t + k, the sign of its input k: −1 when bit k of t is set, else 1. */
        private static final float[] SIGNS = new float[256 * 8];

        static {
            for (int t = 0; t < 256; t++) for (int k = 0; k < 8; k++) SIGNS[8 * t + k] = ((t >>> k) & 1) == 1 ? -1f : 1f;
        }

        /** v with its sign flipped when bit 0 of m is set. */
        private static float signed(float v, long m) {
            return Float.intBitsToFloat(Float.floatToRawIntBits(v) ^ ((int) m << 31));
        }
    }
}
