package org.sealedbox.plugins.fused;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Nd4j;
import org.sealedbox.dsl.ir.TickStatement;
import org.sealedbox.plugins.concepts.ConceptsWorld;
import org.sealedbox.plugins.confidence.Familiarity;
import org.sealedbox.plugins.judges.AcceptAll;
import org.sealedbox.plugins.judges.SelfConfidence;
import org.sealedbox.plugins.learners.Sft;
import org.sealedbox.plugins.models.LinearModel;
import org.sealedbox.runtime.spi.Batched;
import org.sealedbox.runtime.spi.FusedTick;
import org.sealedbox.runtime.spi.PopulationView;

/**
 * The fused tick of canon #2's box and its variants: world {@code concepts} (one output, no temptations), model
 * {@code linear}, confidence {@code familiarity}, judge {@code self_confidence} or {@code accept_all}, learner
 * {@code sft} (one step a tick on all the slots, no replay), proposing {@code at frontier}, {@code anywhere} or
 * {@code at fields a..b} without tastes. On the CPU only: on a GPU the ops over whole tensors are the fast way.
 *
 * <p>Per agent, in Java over its weights: the familiarity of each block and the confidence in each field; the fields
 * it may propose in; per proposal the field drawn, the situation's signs (drawn by {@link ConceptsWorld.Signs#draw},
 * through which {@code situations} writes, from the same seed), the prediction and the answer, the reported confidence and the
 * judge's verdict; then one gradient step on the accepted proposals and the exposure and signal they add. Only the
 * blocks active in a situation are read and written: the others are 0 in it. The random numbers are drawn per call
 * (a population, or a tile of one) exactly as the unfused statements draw them, from the proposals' stream: the
 * fields' uniforms [N, P], one seed for the signs, the answers' noise [N, P, 1] and the confidences' noise [N, P].
 * What differs from the unfused tick is the order in which sums are taken (and the SFT step reuses the prediction of
 * proposing, made at the same weights), so the two agree up to float rounding.
 */
public final class ConceptsLinearSft implements FusedTick {
    @Override
    public Pass plan(Plan plan) {
        if (!Batched.cpu()) return null;
        if (!(plan.world() instanceof ConceptsWorld world) || world.outputs() != 1 || world.temptations() != null) return null;
        if (!(plan.model() instanceof LinearModel) || !(plan.confidence() instanceof Familiarity familiarity)) return null;
        double threshold;
        if (plan.judge() instanceof SelfConfidence s) threshold = s.threshold();
        else if (plan.judge() instanceof AcceptAll) threshold = Double.NEGATIVE_INFINITY;
        else return null;
        if (!(plan.learner() instanceof Sft sft) || sft.replay() != 0 || sft.steps() != 1
                || (sft.batch() != 0 && sft.batch() < plan.count())) return null;
        if (plan.focus() != 0) return null;
        if (plan.target() instanceof TickStatement.Fields r && Math.min(r.hi(), plan.world().fields() - 1) < r.lo()) return null;
        return new Tick(world, familiarity, threshold, sft.lr(), plan.count(), plan.target(), plan.noise(),
                plan.judge() instanceof AcceptAll ? "accept_all" : "self_confidence");
    }

    /** The pass, with what it needs of the world and the plugins' settings computed once. */
    static final class Tick implements Pass {
        private final ConceptsWorld world;
        private final int fields, width, dims, count;
        private final float half, mastered, confidenceNoise, threshold, lr, noise;
        private final TickStatement.Target target;
        private final String judge;
        /** Per field: its active blocks (amplitude ≠ 0), and its direct prerequisites. */
        private final int[][] active, parents;
        /** [F][F]: how much block b counts in field f's confidence ({@link Familiarity#blockWeights}). */
        private final float[][] weight;
        /** Per field, the amplitude of each of its active blocks, in the order of {@link #active}. */
        private final float[][] amplitude;
        /** 64-bit words of signs per block (⌈width / 64⌉). */
        private final int chunks;
        /** [F][F]: the exposure a situation of field f adds to block b (the world's blockExposure of one). */
        private final float[][] exposureOf;
        /** The fields a proposal may be in when the target is a range of fields (null otherwise). */
        private final boolean[] range;
        /** A block of agents' weights, exposure and signal in Java arrays, reused from call to call (a box runs one at a time). */
        private float[] weights = new float[0], exposures = new float[0], signals = new float[0];

        Tick(ConceptsWorld world, Familiarity familiarity, double threshold, double lr, int count,
             TickStatement.Target target, double noise, String judge) {
            this.world = world;
            this.fields = world.fields();
            this.width = world.width();
            this.dims = world.dims();
            this.count = count;
            this.half = (float) familiarity.half();
            this.mastered = (float) familiarity.mastered();
            this.confidenceNoise = (float) familiarity.noise();
            this.threshold = (float) threshold;
            this.lr = (float) lr;
            this.noise = (float) noise;
            this.target = target;
            this.judge = judge;
            weight = Familiarity.blockWeights(world).toFloatMatrix();
            float[][] e = world.blockEnergy().toFloatMatrix(), prerequisites = world.prerequisites().toFloatMatrix();
            active = new int[fields][];
            amplitude = new float[fields][];
            chunks = (width + 63) / 64;
            parents = new int[fields][];
            for (int f = 0; f < fields; f++) {
                List<Integer> a = new ArrayList<>(), p = new ArrayList<>();
                for (int b = 0; b < fields; b++) {
                    if (e[f][b] != 0) a.add(b);
                    if (prerequisites[f][b] != 0) p.add(b);
                }
                active[f] = a.stream().mapToInt(Integer::intValue).toArray();
                amplitude[f] = new float[active[f].length];
                for (int q = 0; q < active[f].length; q++) amplitude[f][q] = world.amplitude(f, active[f][q]);
                parents[f] = p.stream().mapToInt(Integer::intValue).toArray();
            }
            float[] one = new float[fields * dims]; // a situation of each field: its squares do not depend on the signs
            ConceptsWorld.Signs signs = world.signs(0);
            for (int f = 0; f < fields; f++) signs.write(f, -1, one, f * dims);
            exposureOf = world.blockExposure(Nd4j.createFromArray(one).reshape(1, fields, dims)).reshape(fields, fields).toFloatMatrix();
            if (target instanceof TickStatement.Fields r) {
                range = new boolean[fields];
                for (int f = r.lo(); f <= Math.min(r.hi(), fields - 1); f++) range[f] = true;
            } else {
                range = null;
            }
        }

        @Override
        public String describe() {
            return "concepts, linear, familiarity, " + judge + ", sft";
        }

        @Override
        public boolean run(PopulationView pop, Random proposals, Random learner) {
            INDArray theta = pop.model().params().get(0), exposure = pop.exposure(), signal = pop.signal();
            int n = (int) theta.size(0), p = count;
            if (theta.dataType() != DataType.FLOAT || exposure.dataType() != DataType.FLOAT || signal.dataType() != DataType.FLOAT) {
                throw new IllegalStateException("the fused tick needs float weights, exposure and signal");
            }
            // the draws of the unfused statements, in their order: Proposer.sample's uniforms, ConceptsWorld.situations'
            // seed, Model.answer's noise, Familiarity.proposalConfidence's noise
            float[] uniform = Nd4j.rand(proposals, n, p).reshape((long) n * p).toFloatVector();
            ConceptsWorld.Signs signs = world.signs(proposals.nextLong());
            float[] answerNoise = noise > 0 ? Nd4j.randn(proposals, new long[] {n, p, 1}).reshape((long) n * p).toFloatVector() : null;
            float[] reportNoise = confidenceNoise > 0 ? Nd4j.randn(proposals, new long[] {n, p}).reshape((long) n * p).toFloatVector() : null;

            // a block of agents at a time, copied out of the tensors and back, so that the Java arrays stay small
            int block = Math.min(n, BLOCK);
            if (signals.length < block) {
                weights = new float[block * dims];
                exposures = new float[block * fields];
                signals = new float[block];
            }
            float[] w = weights, e = exposures, s = signals;
            Agents agents = new Agents(signs, uniform, answerNoise, reportNoise, w, e, s);
            boolean finite = true;
            for (int from = 0; from < n; from += block) {
                int m = Math.min(block, n - from);
                Batched.read(theta, (long) from * dims, w, m * dims);
                Batched.read(exposure, (long) from * fields, e, m * fields);
                Batched.read(signal, from, s, m);
                for (int a = 0; a < m; a++) agents.tick(from + a, a);
                Batched.write(theta, (long) from * dims, w, m * dims);
                Batched.write(exposure, (long) from * fields, e, m * fields);
                Batched.write(signal, from, s, m);
                finite &= finite(w, m * dims);
            }
            return finite;
        }

        /** Agents whose weights are copied into Java at a time: 4,096 (6 MiB of weights at D = 384). */
        private static final int BLOCK = 4096;

        /** Whether every weight is finite: v − v is 0 for a finite v and NaN otherwise, and NaN stays in a sum. */
        private static boolean finite(float[] w, int length) {
            float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
            int i = 0;
            for (; i + 8 <= length; i += 8) {
                s0 += w[i] - w[i];
                s1 += w[i + 1] - w[i + 1];
                s2 += w[i + 2] - w[i + 2];
                s3 += w[i + 3] - w[i + 3];
                s4 += w[i + 4] - w[i + 4];
                s5 += w[i + 5] - w[i + 5];
                s6 += w[i + 6] - w[i + 6];
                s7 += w[i + 7] - w[i + 7];
            }
            for (; i < length; i++) s0 += w[i] - w[i];
            return s0 + s1 + s2 + s3 + s4 + s5 + s6 + s7 == 0;
        }

        /** One call's agents: their weights, exposure and signal as Java arrays, the draws, and room for one agent. */
        private final class Agents {
            final ConceptsWorld.Signs signs;
            final float[] uniform, answerNoise, reportNoise, w, e, s;
            final long[] signBits = new long[count * fields * chunks];
            final float[] familiar = new float[fields], confidence = new float[fields], residual = new float[count];
            final double[] cdf = new double[fields];
            final boolean[] allowed = new boolean[fields], believed = new boolean[fields], kept = new boolean[count];
            final int[] field = new int[count];

            Agents(ConceptsWorld.Signs signs, float[] uniform, float[] answerNoise, float[] reportNoise, float[] w, float[] e, float[] s) {
                this.signs = signs;
                this.uniform = uniform;
                this.answerNoise = answerNoise;
                this.reportNoise = reportNoise;
                this.w = w;
                this.e = e;
                this.s = s;
            }

            /**
             * Agent {@code agent}'s tick: propose, judge, learn, count. Its draws are at {@code agent}, its weights,
             * exposure and signal at {@code a} of the block's.
             */
            void tick(int agent, int a) {
                int p = count, wa = a * dims, ea = a * fields, da = agent * p;
                // Familiarity.fieldConfidence
                for (int b = 0; b < fields; b++) familiar[b] = e[ea + b] / (e[ea + b] + half);
                for (int f = 0; f < fields; f++) {
                    float c = 0;
                    for (int b : active[f]) c += familiar[b] * weight[f][b];
                    confidence[f] = c;
                }
                // Proposer.allowed and sample: the fields it may propose in, uniformly
                int allowedCount = allow(confidence, allowed, believed);
                double share = 1.0 / allowedCount, sum = 0;
                for (int f = 0; f < fields; f++) {
                    if (allowed[f]) sum += share;
                    cdf[f] = sum;
                }
                int accepted = 0;
                for (int j = 0; j < p; j++) {
                    double u = (double) uniform[da + j] * (1 - 1e-9);
                    int f = 0;
                    for (int g = 0; g < fields; g++) if (cdf[g] - u < 0) f++;
                    field[j] = f;
                    int so = j * fields * chunks;
                    signs.draw(f, signBits, so);
                    float prediction = dot(f, signBits, so, w, wa);
                    float label = answerNoise == null ? prediction : prediction + answerNoise[da + j] * noise;
                    float reported = reportNoise == null ? confidence[f] : confidence[f] + reportNoise[da + j] * confidenceNoise;
                    reported = Math.min(Math.max(reported, 0f), 1f);
                    kept[j] = reported >= threshold;
                    residual[j] = prediction - label;
                    if (kept[j]) accepted++;
                }
                if (accepted == 0) return;
                // Sft: one step on ½·Σ used·(θ·x − y)² / P, at the weights the predictions were made with: θ −= lr/P ·
                // Σ_j r_j·x_j, each proposal's share subtracted in turn; the accounting: exposure and signal of what was used
                for (int j = 0; j < p; j++) {
                    if (!kept[j]) continue;
                    int f = field[j];
                    step(f, signBits, j * fields * chunks, residual[j] / p * lr, w, wa);
                    for (int b : active[f]) e[ea + b] += exposureOf[f][b];
                }
                s[a] += accepted * lr; // the signal of each example used: lr × steps, steps being 1
            }
        }

        /**
         * θ·x for a situation of {@code field} with the signs at {@code bits[so]}: per active block, its amplitude times
         * the sum of its weights, each times its input's sign (±1, eight at a time from a table of the bytes of a word), in
         * eight partial sums (one sum would wait on each addition before the next).
         */
        private float dot(int field, long[] bits, int so, float[] w, int wo) {
            int[] blocks = active[field];
            float[] amp = amplitude[field];
            float total = 0;
            for (int q = 0, k = so; q < blocks.length; q++) {
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

        /** θ −= g·x for a situation of {@code field} with the signs at {@code bits[so]}: each input is ±amplitude. */
        private void step(int field, long[] bits, int so, float g, float[] w, int wo) {
            int[] blocks = active[field];
            float[] amp = amplitude[field];
            for (int q = 0, k = so; q < blocks.length; q++) {
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

        /**
         * Proposer.allowed: the fields an agent may propose in, by its confidence; returns how many. At the frontier:
         * those it does not believe it has mastered whose prerequisites it believes it has, or all if there are none.
         */
        private int allow(float[] confidence, boolean[] allowed, boolean[] believed) {
            int count = 0;
            if (target instanceof TickStatement.Anywhere) {
                Arrays.fill(allowed, true);
                return fields;
            }
            if (range != null) {
                for (int f = 0; f < fields; f++) if (allowed[f] = range[f]) count++;
                return count; // the validator keeps a range inside the world
            }
            for (int f = 0; f < fields; f++) believed[f] = confidence[f] >= mastered;
            for (int f = 0; f < fields; f++) {
                boolean ready = !believed[f];
                for (int g : parents[f]) ready &= believed[g];
                if (allowed[f] = ready) count++;
            }
            if (count == 0) {
                Arrays.fill(allowed, true);
                count = fields;
            }
            return count;
        }
    }
}
