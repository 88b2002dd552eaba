package org.sealedbox.bench.kernels;

import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The JMH benchmarks of the hot kernels ({@code sealedbox bench --kernels}), run in this JVM's stead: JMH forks one JVM
 * per benchmark and parameter set (with this JVM's options, the launcher's logging options, and the environment, so
 * {@code OMP_NUM_THREADS} too), prints its progress and result table to {@code out}, then the bytes each call reads
 * and writes at least and the bandwidth that makes at the measured time.
 *
 * <p>The kernels (all on the bench's box: world {@code concepts} 24 fields × 16 = D 384, k = 1, 8 proposals per agent,
 * models linear and mlp(64), N = 1000 and 10000 agents): {@link ModelKernels} (forward, update), {@link JudgeKernels}
 * (self_confidence, ground_truth), {@link MeasureKernels} (accuracy, drift), {@link WorldKernels} (situations).
 */
public final class Kernels {
    private Kernels() {}

    /** Every kernel benchmark. */
    public static final String ALL = Kernels.class.getPackageName().replace(".", "\\.") + "\\..*";

    /** The JVM options of the launcher that matter to a box (its logging), given to every fork. */
    static final List<String> JVM_ARGS = List.of("-Dorg.slf4j.simpleLogger.log.org.nd4j=warn",
            "-Dorg.slf4j.simpleLogger.log.org.reflections=warn");

    /**
     * Runs the benchmarks whose names match {@code include} (a JMH regular expression, e.g. {@code ModelKernels.forward};
     * null or blank: all of them) and prints JMH's output to {@code out}.
     *
     * @return 0 when every benchmark ran, 1 when one failed (JMH printed why) or none matched
     */
    public static int run(String include, PrintWriter out) {
        String pattern = include == null || include.isBlank() ? ALL : include;
        PrintStream stream = new PrintStream(new WriterStream(out), true, StandardCharsets.UTF_8);
        OutputFormat format = OutputFormatFactory.createFormatInstance(stream, VerboseMode.NORMAL);
        List<String> jvmArgs = new ArrayList<>(JVM_ARGS);
        try {
            jvmArgs.add("-D" + KernelBox.BOXES + "=" + KernelBox.boxes().toAbsolutePath()); // the forks find the same boxes
        } catch (IllegalStateException e) {
            out.println("sealedbox bench --kernels: " + e.getMessage());
            out.flush();
            return 1;
        }
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include(pattern)
                .jvmArgsAppend(jvmArgs.toArray(String[]::new))
                .shouldFailOnError(false);
        int expected = expected(format, pattern);
        Collection<RunResult> results;
        try {
            results = new Runner(options.build(), format).run();
        } catch (RunnerException e) {
            stream.flush();
            out.println("sealedbox bench --kernels: " + e.getMessage());
            out.flush();
            return 1;
        }
        stream.flush();
        traffic(results, out);
        if (results.size() < expected) {
            out.printf(Locale.ROOT, "%d of %d kernel benchmarks failed (JMH's output above says why)%n", expected - results.size(), expected);
        }
        out.flush();
        return results.isEmpty() || results.size() < expected ? 1 : 0;
    }

    /** {@code sealedbox-bench}'s class path: {@code java … Kernels [PATTERN]}. */
    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        System.exit(run(args.length > 0 ? args[0] : null, out));
    }

    /** How many runs the pattern makes: each matching benchmark once per combination of its parameters. */
    private static int expected(OutputFormat format, String pattern) {
        int count = 0;
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(format, List.of(pattern), List.of())) {
            int combinations = 1;
            if (e.getParams().hasValue()) {
                for (String[] values : e.getParams().get().values()) combinations *= values.length;
            }
            count += combinations;
        }
        return count;
    }

    // the bench's box: P proposals of D inputs, k outputs, F fields, h hidden units, M held-out situations
    static final long P = 8, D = 384, K = 1, F = 24, H = 64, M = F * 64;

    /** Weights per agent. */
    static long weights(String model) {
        return model.equals("mlp") ? H * D + H + K * H + K : K * D;
    }

    /**
     * The bytes a call reads and writes at least (float32, its inputs and outputs, not ND4J's intermediate arrays), or
     * -1 for a benchmark this does not know: what the kernel's bandwidth is measured against.
     */
    static long bytes(String benchmark, String model, long n) {
        String m = model == null ? "linear" : model;
        long w = weights(m);
        return 4 * switch (benchmark) {
            case "forward" -> n * (P * D + w + P * K);                  // x, weights → predictions
            case "update" -> n * (P * D + P * K + P + 2 * w);           // x, labels, mask, weights read and written
            case "selfConfidence" -> n * (P + P);                       // confidences → accepted
            case "groundTruth" -> n * (P * D + P * K + P);              // x → observed consequences, accepted
            case "accuracy" -> n * w + (m.equals("mlp") ? M * D : 0);   // weights (+ the shared held-out situations)
            case "drift" -> n * w + w;                                  // weights and the pretrained ones
            case "situations" -> n * (P + P * D);                       // field indices → x
            case "step" -> n * 2 * (w + F + 2);                         // a whole tick: the agents' state (weights,
                                                                        // exposure, signals) read and written
            default -> -1;
        };
    }

    /** A table of each result's bytes per call and the bandwidth they make at its measured time. */
    static void traffic(Collection<RunResult> results, PrintWriter out) {
        if (results.isEmpty()) return;
        out.println();
        out.println("Bytes each call reads and writes at least (float32 inputs and outputs, not intermediates), at the measured time:");
        out.printf(Locale.ROOT, "%-36s %-7s %6s %12s %12s %10s%n", "Benchmark", "model", "N", "ms/op", "MB/op", "GB/s");
        for (RunResult r : results) {
            String full = r.getParams().getBenchmark();
            String name = full.substring(full.lastIndexOf('.', full.lastIndexOf('.') - 1) + 1);
            String method = full.substring(full.lastIndexOf('.') + 1);
            String model = r.getParams().getParam("model");
            long n = Long.parseLong(r.getParams().getParam("N"));
            double ms = r.getPrimaryResult().getScore();
            long bytes = bytes(method, model, n);
            boolean known = bytes >= 0 && r.getPrimaryResult().getScoreUnit().equals("ms/op");
            out.printf(Locale.ROOT, "%-36s %-7s %6d %12.3f %12s %10s%n", name, model == null ? "-" : model, n, ms,
                    bytes < 0 ? "?" : String.format(Locale.ROOT, "%.2f", bytes / 1e6),
                    known ? String.format(Locale.ROOT, "%.2f", bytes / (ms * 1e-3) / 1e9) : "?");
        }
    }

    /** JMH writes to a PrintStream; this hands its text to a PrintWriter as it comes (UTF-8, split characters kept). */
    private static final class WriterStream extends OutputStream {
        private final PrintWriter out;
        private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE).onUnmappableCharacter(CodingErrorAction.REPLACE);
        private ByteBuffer pending = ByteBuffer.allocate(8192);
        private final CharBuffer chars = CharBuffer.allocate(8192);

        WriterStream(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            if (pending.remaining() < len) {
                ByteBuffer bigger = ByteBuffer.allocate(Math.max(pending.capacity() * 2, pending.position() + len));
                pending.flip();
                bigger.put(pending);
                pending = bigger;
            }
            pending.put(b, off, len);
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    flush();
                    return;
                }
            }
        }

        @Override
        public synchronized void flush() {
            pending.flip();
            while (true) {
                var result = decoder.decode(pending, chars, false); // an incomplete character stays in pending
                chars.flip();
                out.append(chars);
                chars.clear();
                if (!result.isOverflow()) break;
            }
            pending.compact();
            out.flush();
        }
    }
}
