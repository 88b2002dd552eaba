package org.sealedbox.runtime.sweep;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * Members on this machine's cores: one box per thread (a box is single-threaded and owns its random streams, so
 * boxes side by side change none of each other's numbers).
 */
public final class LocalEngine implements SweepEngine {
    @Override
    public String name() {
        return "local";
    }

    @Override
    public void run(SweepJob job, List<SweepJob.Member> members, String master, int parallelism, Consumer<SweepJob.Result> done)
            throws InterruptedException, ExecutionException {
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, parallelism), r -> {
            Thread t = new Thread(r);
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> running = new ArrayList<>();
            for (SweepJob.Member m : members) running.add(pool.submit(() -> done.accept(job.run(m))));
            for (Future<?> f : running) f.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
