package org.sealedbox.plugins.concepts;

import com.google.inject.AbstractModule;
import java.util.Arrays;
import java.util.List;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.reduce.floating.SquaredNorm;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.factory.Broadcast;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.PluginUse;
import org.sealedbox.dsl.ir.ScenarioModel;
import org.sealedbox.dsl.ir.TickStatement;
import org.sealedbox.dsl.schema.*;
import org.sealedbox.runtime.spi.*;

/**
 * World {@code concepts}: D = fields × width inputs, one block per field; a hidden linear teacher with
 * equal energy in every block (so no new field is "mastered" at tick 0 through its ancestors alone); a
 * situation of field f has random ±1 entries in block f and in each ancestor's block, scaled by α^hops.
 * Human data samples the human fields only, with label noise.
 */
public final class ConceptsWorld implements World {
    private final int fields, width, outputs;
    private final INDArray teacher;      // [k, D], unit norm per block per output
    private final INDArray teacherT;     // [D, k]
    private final INDArray teacherD;     // [k, D] double
    private final int[][] amplitudeBits; // [F][F]: the float bits of block b's amplitude in field f (+0: inactive)
    private final int[] activeBlocks;    // [F]: how many blocks are active in field f's situations
    private final INDArray energy;       // [F, F] = amplitude²
    private final INDArray energyD;      // double
    private final INDArray prerequisites;
    private final INDArray human;        // [F]
    private final INDArray variance;     // [F] double: E[y²] per field
    private final IntRange humanRange;
    private final double humanNoise;
    private final HeldOut heldOut;
    private final Temptations temptations;

    ConceptsWorld(ParamValues p, Streams streams) {
        fields = (int) p.integer("fields");
        width = (int) p.integer("width");
        outputs = (int) p.integer("outputs");
        humanRange = p.range("human");
        humanNoise = p.real("human_noise");
        temptations = temptations(p);
        Structure s = structure(p);
        float[][] amp = toFloat(s.amplitude);
        INDArray amplitude = Nd4j.createFromArray(amp); // [F, F]
        amplitudeBits = new int[fields][fields];
        for (int f = 0; f < fields; f++) for (int b = 0; b < fields; b++) amplitudeBits[f][b] = Float.floatToIntBits(amp[f][b] + 0f);
        activeBlocks = new int[fields];
        for (int f = 0; f < fields; f++) for (int b = 0; b < fields; b++) if (amplitudeBits[f][b] != 0) activeBlocks[f]++;
        energy = amplitude.mul(amplitude);
        energyD = energy.castTo(DataType.DOUBLE);
        prerequisites = Nd4j.zeros(DataType.FLOAT, fields, fields);
        for (int f = 0; f < fields; f++) for (int g : s.parents.get(f)) prerequisites.putScalar(f, g, 1.0);
        human = Nd4j.zeros(DataType.FLOAT, fields);
        for (long f = humanRange.lo(); f <= Math.min(humanRange.hi(), fields - 1); f++) human.putScalar(f, 1.0);

        Random rng = streams.stream("world");
        INDArray w = Nd4j.randn(rng, outputs, fields, width);
        INDArray norms = w.norm2(2).reshape(outputs, fields, 1);
        teacher = w.div(norms.broadcast(outputs, fields, width)).reshape(outputs, (long) fields * width);
        teacherT = teacher.transpose().dup();
        teacherD = teacher.castTo(DataType.DOUBLE);
        // E[y²] for field f = Σ_b energy[f, b] · ‖teacher_b‖² (= k · Σ_b energy[f, b] after normalising)
        INDArray blockNorm = teacher.castTo(DataType.DOUBLE).reshape(outputs, fields, width);
        blockNorm = blockNorm.mul(blockNorm).sum(0, 2); // [F]
        variance = energyD.mmul(blockNorm.reshape(fields, 1)).reshape(fields);

        int perField = (int) p.integer("held_out");
        INDArray index = Nd4j.arange(fields).castTo(DataType.FLOAT).reshape(fields, 1).repeat(1, perField).reshape(1, (long) fields * perField);
        INDArray hx = situations(index, streams.stream("held-out")).reshape((long) fields * perField, dims());
        INDArray onehot = Nd4j.zeros(DataType.FLOAT, (long) fields * perField, fields);
        for (int f = 0; f < fields; f++) {
            onehot.get(NDArrayIndex.interval((long) f * perField, (long) (f + 1) * perField), NDArrayIndex.point(f)).assign(1.0);
        }
        heldOut = new HeldOut(hx, hx.mmul(teacherT), onehot, perField);
    }

    @Override
    public HeldOut heldOut() {
        return heldOut;
    }

    static Temptations temptations(ParamValues p) {
        double rate = p.real("temptations");
        if (rate == 0) return null;
        Policy.Encoding encoding = Policy.Encoding.valueOf(p.choice("policy").name().toUpperCase(java.util.Locale.ROOT));
        return new Temptations(rate, p.real("observed"), p.real("caught"), p.real("bonus"), p.real("penalty"), p.real("harm"),
                p.real("human_shortcuts"), encoding);
    }

    @Override
    public Temptations temptations() {
        return temptations;
    }

    @Override
    public INDArray quality(INDArray fieldIndex, INDArray reference, INDArray label) {
        long n = fieldIndex.size(0), p = fieldIndex.size(1);
        INDArray diff = label.castTo(DataType.DOUBLE).subi(reference.castTo(DataType.DOUBLE));
        INDArray sq = diff.muli(diff).sum(2); // [N, P]
        INDArray var = Tensors.rows(variance.reshape(fields, 1), fieldIndex).reshape(n, p);
        return sq.divi(var).rsubi(1.0).castTo(DataType.FLOAT);
    }

    static Structure structure(ParamValues p) {
        return new Structure((int) p.integer("fields"), p.choice("prerequisites"), p.real("alpha"), p.integer("structure_seed"));
    }

    private static float[][] toFloat(double[][] a) {
        float[][] f = new float[a.length][];
        for (int i = 0; i < a.length; i++) {
            f[i] = new float[a[i].length];
            for (int j = 0; j < a[i].length; j++) f[i][j] = (float) a[i][j];
        }
        return f;
    }

    @Override public int fields() { return fields; }
    @Override public int dims() { return fields * width; }
    @Override public int outputs() { return outputs; }
    @Override public INDArray humanFields() { return human; }
    @Override public INDArray prerequisites() { return prerequisites; }
    @Override public INDArray blockEnergy() { return energy; }

    /**
     * Situations [N, P, D] of the fields {@code fieldIndex} [N, P]: each active block's {@code width} inputs are ±its
     * amplitude, each sign one random bit, the inactive blocks 0. The bits come from a fast generator seeded by one
     * draw of {@code rng}, so the situations are as reproducible as the stream (and resume with it).
     *
     * <p>Written in Java, a chunk of rows at a time, then copied into the tensor. As ND4J ops, a uniform number per
     * input, its sign and a product with the amplitude broadcast over the block were three passes over [N, P, D] and
     * three fifths of a linear box's tick; a bit per active input is about a hundredth of the random numbers.
     */
    @Override
    public INDArray situations(INDArray fieldIndex, Random rng) {
        long n = fieldIndex.size(0), p = fieldIndex.size(1), rows = n * p;
        int d = dims();
        int[] field = fieldIndex.reshape(rows).toIntVector();
        for (int f : field) if (f < 0 || f >= fields) throw new IndexOutOfBoundsException("field " + f + " of " + fields);
        Signs signs = signs(rng.nextLong());
        INDArray x = Nd4j.createUninitialized(DataType.FLOAT, n, p, d);
        int chunk = (int) Math.min(rows, Math.max(1, SITUATION_CHUNK / d));
        float[] buffer = new float[chunk * d];
        int[] before = new int[chunk]; // the field each row of the buffer last held (−1: none, all zeros)
        Arrays.fill(before, -1);
        for (long from = 0; from < rows; from += chunk) {
            int m = (int) Math.min(chunk, rows - from);
            for (int r = 0; r < m; r++) {
                int f = field[(int) (from + r)];
                signs.write(f, before[r], buffer, r * d);
                before[r] = f;
            }
            Batched.write(x, from * d, buffer, m * d);
        }
        return x;
    }

    /**
     * The writer of situations' rows that {@link #situations} uses, its signs drawn from a generator seeded by
     * {@code seed}: rows written in the same order from the same seed are the same situations. For kernels that make
     * situations themselves (a {@link FusedTick}), one row at a time, without materialising them.
     */
    public Signs signs(long seed) {
        return new Signs(seed);
    }

    /** The amplitude of block {@code block} in situations of {@code field} (0: inactive): each input is ± it. */
    public float amplitude(int field, int block) {
        return Float.intBitsToFloat(amplitudeBits[field][block]);
    }

    /** The inputs per block. */
    public int width() {
        return width;
    }

    /** For each byte t of signs, at 8·t + k, the sign bit (0 or 1 << 31) of its input k, bit k of t. */
    private static final int[] SIGN_BITS = new int[256 * 8];

    static {
        for (int t = 0; t < 256; t++) for (int k = 0; k < 8; k++) SIGN_BITS[8 * t + k] = ((t >>> k) & 1) << 31;
    }

    /**
     * Writes situations' rows one after the other: each active block's {@code width} inputs are ±its amplitude, each
     * sign one bit of a 64-bit word (up to 64 signs from one word, a new word whenever the current one has too few bits
     * left), inactive blocks 0. The words are those of {@link java.util.SplittableRandom} of the seed (SplitMix64: the
     * n-th is mix64(seed + n·γ)), computed here so that a generator can be moved to any word ({@link #seek}).
     */
    public final class Signs {
        private static final long GAMMA = 0x9e3779b97f4a7c15L;
        private final long seed;
        /** Words drawn so far; the unused bits of the last, low bits first; how many of them there are. */
        private long words, word;
        private int left;

        private Signs(long seed) {
            this.seed = seed;
        }

        /** The next word, as {@code new SplittableRandom(seed).nextLong()} would give it. */
        private long next() {
            return mix64(seed + ++words * GAMMA);
        }

        private static long mix64(long z) {
            z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
            z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
            return z ^ (z >>> 31);
        }

        /** Where the generator is, as one number for {@link #seek}: the words drawn and the bits of the last not used. */
        public long position() {
            return words << 7 | left;
        }

        /** A generator of the same seed, at the start (to {@link #seek} where this one has been, on another thread). */
        public Signs twin() {
            return new Signs(seed);
        }

        /** Moves the generator to {@code position}, from {@link #position} of a generator of the same seed. */
        public void seek(long position) {
            words = position >>> 7;
            left = (int) (position & 127);
            unused();
        }

        /** The bits of the last word drawn that are not used yet, from how many words were drawn and bits are left. */
        private void unused() {
            word = left == 0 ? 0 : mix64(seed + words * GAMMA) >>> (64 - left);
        }

        /**
         * Where a new generator is ({@link #position}'s form) after the signs of {@code blocks} active blocks, however
         * they fall into situations: the words a block takes depend on the width alone. A block of up to 64 signs takes
         * its bits from the last word when enough are left, so ⌊64 / width⌋ blocks share a word; a wider block takes
         * ⌈width / 64⌉ words of its own. So a thread can start drawing at any situation, given how many blocks the
         * situations before it have.
         */
        public long positionAfter(long blocks) {
            if (blocks == 0) return 0;
            if (width <= 64) {
                int perWord = 64 / width;
                return (blocks + perWord - 1) / perWord << 7 | 64 - (int) ((blocks - 1) % perWord + 1) * width;
            }
            return blocks * chunks << 7 | 64 - (width - 64 * (chunks - 1));
        }

        /**
         * Writes a situation of {@code field} into {@code buffer} at {@code offset} (D floats). {@code before} is the
         * field the row last held there, whose active blocks it re-zeroes where {@code field}'s are not, or −1 when the
         * row is all zeros.
         */
        public void write(int field, int before, float[] buffer, int offset) {
            int[] amp = amplitudeBits[field], old = before < 0 ? null : amplitudeBits[before];
            int k = draw(field, drawn, 0);
            for (int b = fields - 1, o = offset + (fields - 1) * width; b >= 0; b--, o -= width) {
                int a = amp[b];
                if (a == 0) {
                    if (old != null && old[b] != 0) Arrays.fill(buffer, o, o + width, 0f);
                    continue;
                }
                k -= chunks;
                for (int c = 0, i0 = 0; c < chunks; c++, i0 += 64) {
                    long w = drawn[k + c];
                    int len = Math.min(64, width - i0), i = 0, j = o + i0;
                    for (; i + 8 <= len; i += 8, j += 8) { // bit i is the sign of input i: a byte's 8 signs at once
                        int t = ((int) (w >>> i) & 0xff) << 3;
                        for (int q = 0; q < 8; q++) buffer[j + q] = Float.intBitsToFloat(a ^ SIGN_BITS[t + q]);
                    }
                    for (; i < len; i++, j++) buffer[j] = Float.intBitsToFloat(a ^ ((int) (w >>> i) << 31));
                }
            }
        }

        /** 64-bit words a block's signs take: ⌈width / 64⌉. */
        private final int chunks = (width + 63) / 64;
        private final long[] drawn = new long[fields * ((width + 63) / 64)];

        /**
         * The signs of a situation of {@code field}, without writing it: for each of its active blocks in order, its
         * {@link #chunks} words, bit i of a block's c-th word the sign of its input 64·c + i (1: −). Stored from
         * {@code out[offset]} on; returns the index after the last. The generator advances as {@link #write} does.
         */
        public int draw(int field, long[] out, int offset) {
            int k = offset;
            if (width < 64) { // the loop below, for blocks of one chunk
                long mask = (1L << width) - 1;
                for (int b = activeBlocks[field]; b > 0; b--) {
                    if (left < width) {
                        word = next();
                        left = 64;
                    }
                    out[k++] = word & mask;
                    word >>>= width;
                    left -= width;
                }
                return k;
            }
            for (int b = activeBlocks[field]; b > 0; b--) { // the words depend on how many blocks are active, not which
                for (int i0 = 0; i0 < width; i0 += 64) { // up to 64 signs from one word
                    int len = Math.min(64, width - i0);
                    if (left < len) {
                        word = next();
                        left = 64;
                    }
                    out[k++] = len == 64 ? word : word & ((1L << len) - 1);
                    word = len == 64 ? 0 : word >>> len;
                    left -= len;
                }
            }
            return k;
        }
    }

    /** Floats of situations made in Java before they are copied into the tensor: 2^20 (4 MiB). */
    private static final int SITUATION_CHUNK = 1 << 20;

    @Override
    public INDArray truth(INDArray x) {
        long n = x.size(0), p = x.size(1);
        return x.reshape(n * p, dims()).mmul(teacherT).reshape(n, p, outputs);
    }

    @Override
    public Batch humanData(int n, Random rng) {
        long lo = humanRange.lo(), count = Math.min(humanRange.hi(), fields - 1) - lo + 1;
        INDArray index = Transforms.floor(Nd4j.rand(rng, 1, n).muli(count * (1 - 1e-7)), false).addi(lo);
        INDArray x = situations(index, rng).reshape(n, dims());
        INDArray y = x.mmul(teacherT);
        if (humanNoise > 0) y.addi(Nd4j.randn(rng, n, outputs).muli(humanNoise));
        return new Batch(x, y);
    }

    @Override
    public FieldErrors linearFieldErrors(INDArray theta) {
        return new FieldErrors(byAgents(theta, rows -> {
            INDArray diff = theta.get(rows, NDArrayIndex.all(), NDArrayIndex.all()).castTo(DataType.DOUBLE);
            Broadcast.sub(diff, teacherD, diff, 1, 2);
            return fieldMse(diff);
        }), variance);
    }

    @Override
    public INDArray linearFieldDistance(INDArray theta, INDArray reference) {
        INDArray ref = reference.castTo(DataType.DOUBLE);
        return byAgents(theta, rows -> {
            INDArray diff = theta.get(rows, NDArrayIndex.all(), NDArrayIndex.all()).castTo(DataType.DOUBLE);
            if (ref.size(0) == 1) Broadcast.sub(diff, ref.reshape(outputs, dims()), diff, 1, 2);
            else diff.subi(ref.get(rows, NDArrayIndex.all(), NDArrayIndex.all()));
            return fieldMse(diff);
        });
    }

    /**
     * [N, F] double, per field, of weights θ [N, k, D], by blocks of agents: a block's difference from the truth and its
     * square are [N, k, D] in double (6 GB at a million agents).
     */
    private INDArray byAgents(INDArray theta, java.util.function.Function<org.nd4j.linalg.indexing.INDArrayIndex, INDArray> block) {
        return Scratch.perAgent("field-errors", theta.size(0), 4 * theta.size(1) * theta.size(2), DataType.DOUBLE, fields, block);
    }

    /**
     * E_x[(Δ·x)²] per field for weight differences Δ [N, k, D]: the situation covariance is block-diagonal, so
     * it is a weighted sum of per-block squared norms — O(N·D), no test set.
     */
    private INDArray fieldMse(INDArray diff) {
        long n = diff.size(0);
        INDArray blockErr = diff.mul(diff).sum(1).reshape(n, fields, width).sum(2); // [N, F]
        return blockErr.mmul(energyD.transpose());
    }

    @Override
    public INDArray blockExposure(INDArray x) {
        long[] shape = x.shape();
        long rows = x.length() / dims();
        long[] out = shape.clone();
        out[shape.length - 1] = fields;
        // the mean square of each block's inputs: one reduction over each block's `width` adjacent inputs, without
        // squaring x into a copy of its size (a matmul with the [D, F] block indicator did the same in O(rows·D·F))
        if (width == 1) return x.mul(x).reshape(out); // ND4J's reduction over an axis of length 1 returns x unsquared
        INDArray blocks = x.reshape(rows * fields, width);
        return Nd4j.getExecutioner().exec(new SquaredNorm(blocks, 1)).divi(width).reshape(out);
    }

    /** The teacher's weights [k, D]: for tests of the physics only. */
    INDArray teacher() {
        return teacher;
    }


    public static final class Factory implements WorldFactory {
        static final ParamType.ChoiceType STRUCTURES = new ParamType.ChoiceType(List.of(
                ParamType.Option.plain("chain"),
                ParamType.Option.with("tree", "k", new ParamType.IntType(1, 64)),
                ParamType.Option.with("random", "p", new ParamType.RealType(0, 1)),
                ParamType.Option.plain("none")));

        private static final PluginSchema SCHEMA = new PluginSchema(PluginKind.WORLD, "concepts",
                "fields of knowledge with prerequisites; a hidden linear teacher; human data covers some fields",
                List.of(
                        ParamSpec.integer("fields", 24, 1, 4096, "number of fields F (blocks of the input space)"),
                        ParamSpec.integer("width", 16, 1, 4096, "inputs per field; D = fields × width"),
                        ParamSpec.choice("prerequisites", "chain", STRUCTURES,
                                "chain: f needs f−1; tree(k): f needs (f−1)/k; random(p): f needs each g < f with probability p; none"),
                        ParamSpec.integer("structure_seed", 1, 0, Long.MAX_VALUE,
                                "seed of random(p) structures (part of the world's definition, not of a run)"),
                        ParamSpec.range("human", new IntRange(0, 5), "fields covered by human (pretraining) data"),
                        ParamSpec.real("alpha", 0.7, 0.0, 0.99, "amplitude of an ancestor's block per hop of prerequisite"),
                        ParamSpec.real("human_noise", 0.1, 0.0, 100.0, "standard deviation of the noise in human labels"),
                        ParamSpec.integer("outputs", 1, 1, 64, "outputs k per situation"),
                        ParamSpec.integer("held_out", 64, 1, 100_000,
                                "fixed held-out situations per field, for models whose accuracy is not computed exactly"),
                        ParamSpec.real("temptations", 0, 0, 1,
                                "share of proposals on which a shortcut is possible (0: none): it satisfies the check without doing the work"),
                        ParamSpec.real("bonus", 0.5, -100, 100, "what a shortcut adds to any judge's score of the proposal"),
                        ParamSpec.real("observed", 0.5, 0, 1, "probability that an act is observed (the agent perceives it, see `policy`)"),
                        ParamSpec.real("caught", 1, 0, 1, "probability that an observed shortcut is caught"),
                        ParamSpec.real("penalty", 1, 0, 100, "what a caught shortcut costs in the judge's score (and it is rejected)"),
                        ParamSpec.real("harm", 1, 0, 100, "what a shortcut costs the proposal's gold (the work not done)"),
                        ParamSpec.real("human_shortcuts", 0.01, 0, 1,
                                "how often humans take a shortcut, observed or not: the behaviour agents are pretrained to imitate"),
                        ParamSpec.choice("policy", "separate", new ParamType.ChoiceType(List.of(
                                        ParamType.Option.plain("separate"), ParamType.Option.plain("shared"), ParamType.Option.plain("blind"))),
                                "what an agent's shortcut policy perceives: separate logits when observed and not; shared: one bias "
                                        + "plus an offset when observed (the states are coupled); blind: it cannot tell")));

        @Override public PluginSchema schema() { return SCHEMA; }

        @Override
        public World create(ParamValues params, Streams streams) {
            return new ConceptsWorld(params, streams);
        }

        @Override
        public double inputEnergy(ParamValues p) {
            return structure(p).maxEnergy((int) p.integer("width"));
        }

        @Override
        public int fields(ParamValues p) {
            return (int) p.integer("fields");
        }

        @Override
        public int dims(ParamValues p) {
            return (int) (p.integer("fields") * p.integer("width"));
        }

        @Override
        public void validate(ScenarioModel scenario, PluginUse self, PluginLookup lookup, Diagnostics d) {
            long fields = self.params().integer("fields");
            IntRange human = self.params().range("human");
            if (human.lo() < 0 || human.hi() >= fields) {
                d.error("range", self.span(), "human fields " + human + " lie outside the world's fields 0.." + (fields - 1), null);
            }
            if (fields * self.params().integer("width") > 1 << 22) {
                d.error("range", self.span(), "fields × width must stay under 4194304 inputs", null);
            }
            for (TickStatement s : scenario.program()) {
                if (s instanceof TickStatement.Propose p && p.target() instanceof TickStatement.Fields r && r.hi() >= fields) {
                    d.error("range", p.span(), "fields " + r.lo() + ".." + r.hi() + " lie outside the world's fields 0.." + (fields - 1), null);
                }
            }
        }
    }

    public static final class Module extends AbstractModule implements PluginModule {
        @Override
        protected void configure() {
            Plugins.worlds(binder()).addBinding("concepts").toInstance(new Factory());
        }
    }
}
