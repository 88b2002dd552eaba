package org.sealedbox.runtime.spi;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * Java threads for work that is split over agents, each part touching only its own agents (a fused tick's per-agent
 * pass): the results do not depend on how many there are. ND4J's own ops stay on one thread ({@code OMP_NUM_THREADS=1}).
 *
 * <p>How many: the system property {@code sealedbox.threads}, else the environment variable {@code SEALEDBOX_THREADS},
 * else the machine's processors. 1 runs everything on the calling thread.
 */
public final class Workers {
    private Workers() {}

    /** The property that sets how many threads there are (read once, at the first use). */
    public static final String PROPERTY = "sealedbox.threads";

    /** Threads made when first needed and kept (daemons, so that they never hold the JVM open). */
    private static final ExecutorService POOL = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "sealedbox-worker");
        t.setDaemon(true);
        return t;
    });

    private static volatile int count = 0;

    /** How many threads {@link #run} uses at most, the calling one included. */
    public static int count() {
        int c = count;
        if (c == 0) count = c = configured();
        return c;
    }

    /**
     * Sets how many threads {@link #run} uses from now on (at least 1), in place of what the property, the environment
     * or the machine gave: for {@code bench --threads}, and for tests that the results do not depend on it.
     */
    public static void setCount(int threads) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, not " + threads);
        count = threads;
    }

    /** The thread count that the property, the environment or the machine gives (at least 1). */
    public static int configured() {
        String s = System.getProperty(PROPERTY);
        if (s == null || s.isBlank()) s = System.getenv("SEALEDBOX_THREADS");
        if (s != null && !s.isBlank()) {
            try {
                return Math.max(1, Integer.parseInt(s.trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(PROPERTY + " / SEALEDBOX_THREADS must be a whole number of threads, not \"" + s + "\"");
            }
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs {@code part.accept(i)} for i in [0, {@code parts}): part 0 on the calling thread, the others on the pool,
     * and returns when all are done. An exception of any part is thrown here, after all have ended.
     */
    public static void run(int parts, IntConsumer part) {
        if (parts <= 1) {
            if (parts == 1) part.accept(0);
            return;
        }
        List<Future<?>> others = new ArrayList<>(parts - 1);
        for (int i = 1; i < parts; i++) {
            int k = i;
            others.add(POOL.submit(() -> part.accept(k)));
        }
        Throwable failed = null;
        try {
            part.accept(0);
        } catch (RuntimeException | Error e) {
            failed = e;
        }
        for (Future<?> f : others) {
            try {
                f.get();
            } catch (ExecutionException e) {
                if (failed == null) failed = e.getCause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                if (failed == null) failed = new IllegalStateException("interrupted while waiting for a worker", e);
            }
        }
        if (failed instanceof RuntimeException r) throw r;
        if (failed instanceof Error e) throw e;
        if (failed != null) throw new IllegalStateException(failed);
    }
}
