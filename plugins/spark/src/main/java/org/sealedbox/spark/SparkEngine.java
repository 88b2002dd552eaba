package org.sealedbox.spark;

import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.apache.spark.SimpleFutureAction;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.sealedbox.runtime.sweep.SweepEngine;
import org.sealedbox.runtime.sweep.SweepJob;
import scala.collection.Iterator;
import scala.jdk.javaapi.CollectionConverters;
import scala.runtime.AbstractFunction0;
import scala.runtime.AbstractFunction1;
import scala.runtime.AbstractFunction2;
import scala.runtime.BoxedUnit;

/**
 * A sweep's members as the tasks of one Apache Spark job ({@code sealedbox sweep FILE --engine spark [--master URL]}):
 * one partition per member, each task runs {@link SweepJob#run} on an executor, and each member's result comes back to
 * the driver, and to {@code done}, as its task finishes (not all at the end), so {@code members.csv} grows as members
 * finish, whatever order they finish in.
 *
 * <p>{@code master} is Spark's master URL; without one, {@code local[parallelism]}: this JVM's threads as executors,
 * which is how the engine is tested. The numbers do not depend on where a member runs: a member's box is
 * single-threaded, owns its random streams, and its plugin registry is built once per JVM ({@code Recipe.registry()}).
 * Any Spark setting can be given as a {@code spark.*} system property (e.g.
 * {@code SEALEDBOX_JAVA_OPTS="-Dspark.executor.memory=4g" ./sealedbox sweep …}).
 *
 * <p><b>On a real cluster</b> every member writes its own run folder under the sweep folder, from whichever machine
 * runs it, and the driver reads them all at the end: the sweep folder (and the scenario file, its imports and plugin
 * folders) must be on storage that the driver and every executor see at the same absolute path, a shared disk. The
 * executors also need sealedbox's classes (its jars, the plugins' and ND4J's, e.g. through {@code spark.jars}), and the
 * same native ND4J variant and {@code OMP_NUM_THREADS} as anywhere else for the numbers to be bit for bit the same.
 * Only local masters are tested here.
 *
 * <p>Spark logs through slf4j-simple here (the module leaves out Spark's log4j2 binding); unless set otherwise, Spark's,
 * Hadoop's and Netty's loggers are set to warnings only, so a sweep prints what sealedbox prints.
 */
public final class SparkEngine implements SweepEngine {

    /** slf4j-simple reads a logger's level when the logger is made: set before Spark makes its loggers. */
    static void quietLogging(boolean local) {
        quiet("org.apache.spark", "warn");
        quiet("org.sparkproject", "warn");
        quiet("io.netty", "warn");
        quiet("org.apache.hadoop", "error"); // it warns, once, that it has no native library; it needs none here
        // a local master binds to 127.0.0.1 (spark.driver.host), yet Spark still looks the host up and warns, unless
        // SPARK_LOCAL_IP is set, that the name resolves to a loopback address and that it will use another for executors
        if (local && System.getenv("SPARK_LOCAL_IP") == null) quiet("org.apache.spark.util.Utils", "error");
    }

    private static void quiet(String logger, String level) {
        String key = "org.slf4j.simpleLogger.log." + logger;
        if (System.getProperty(key) == null) System.setProperty(key, level);
    }

    @Override
    public String name() {
        return "spark";
    }

    /**
     * {@code --master}, or without one {@code local[parallelism]}.
     *
     * @throws IllegalArgumentException for what is not a master URL at all (Spark would say so with a stack trace)
     */
    @Override
    public String master(String master, int parallelism) {
        if (master == null || master.isBlank()) return "local[" + Math.max(1, parallelism) + "]";
        String m = master.strip();
        if (!m.matches("local|local\\[.+]|local-cluster\\[.+]|(spark|k8s|mesos)://.+|yarn")) {
            throw new IllegalArgumentException("--master " + master + ": not a Spark master URL (local[N] for N of this machine's"
                    + " cores, spark://HOST:PORT for a standalone cluster)");
        }
        return m;
    }

    static SparkConf conf(SweepJob job, String master) {
        SparkConf conf = new SparkConf() // also reads spark.* system properties: they win over the defaults below
                .setMaster(master) // --master, or its default
                .setIfMissing("spark.app.name", "sealedbox sweep " + Path.of(job.recipe().file()).getFileName())
                .setIfMissing("spark.ui.enabled", "false")
                .setIfMissing("spark.ui.showConsoleProgress", "false");
        if (master.startsWith("local")) {
            // this machine only: no name lookups, no interface but the loopback one
            conf.setIfMissing("spark.driver.host", "127.0.0.1").setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        }
        return conf;
    }

    @Override
    public void run(SweepJob job, List<SweepJob.Member> members, String master, int parallelism, Consumer<SweepJob.Result> done)
            throws Exception {
        if (members.isEmpty()) return;
        String url = master(master, parallelism);
        quietLogging(url.startsWith("local"));
        int n = members.size();
        BlockingQueue<SweepJob.Result> arrived = new LinkedBlockingQueue<>();
        // Ctrl-C: Spark's own shutdown hook stops the context, and with it the job; that is no failure to report
        AtomicBoolean exiting = new AtomicBoolean();
        Thread hook = new Thread(() -> exiting.set(true), "sealedbox sweep: JVM exiting");
        Runtime.getRuntime().addShutdownHook(hook);
        try (JavaSparkContext sc = new JavaSparkContext(conf(job, url))) {
            JavaRDD<SweepJob.Result> results = sc.parallelize(members, n).map(job::run); // a partition, a task, per member
            List<Object> partitions = new ArrayList<>(IntStream.range(0, n).boxed().toList());
            // one job; Spark calls the handler on the driver as each task's result arrives
            SimpleFutureAction<BoxedUnit> action = sc.sc().submitJob(results.rdd(), new Drain(),
                    CollectionConverters.asScala(partitions).toSeq(), new Handler(arrived), new Unit());
            try {
                for (int got = 0; got < n; ) {
                    SweepJob.Result r = arrived.poll(200, TimeUnit.MILLISECONDS);
                    if (r != null) {
                        done.accept(r); // on the calling thread, one at a time
                        got++;
                    } else if (action.isCompleted() && arrived.isEmpty()) {
                        // what finished is in members.csv, and `sweep --resume` goes on from there; say nothing more,
                        // as the local engine does not, while the JVM finishes exiting
                        for (int i = 0; i < 20 && sc.sc().isStopped() && !exiting.get(); i++) Thread.sleep(50); // hooks race
                        if (exiting.get()) Thread.sleep(Long.MAX_VALUE);
                        action.get(); // the job failed (a member never throws: Spark could not run it); throws why
                        throw new IllegalStateException("Spark's job ended with " + (n - got) + " of " + n + " members unaccounted for");
                    }
                }
            } finally {
                if (!action.isCompleted()) action.cancel();
            }
        } finally { // closing the context (above) stops it, also when the job failed or this thread was interrupted
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException exitingAlready) {
                // nothing to undo
            }
        }
    }

    /** On an executor: a partition's results (one member each) as a list to send back. */
    private static final class Drain extends AbstractFunction1<Iterator<SweepJob.Result>, ArrayList<SweepJob.Result>>
            implements Serializable {
        @Override
        public ArrayList<SweepJob.Result> apply(Iterator<SweepJob.Result> it) {
            ArrayList<SweepJob.Result> out = new ArrayList<>();
            while (it.hasNext()) out.add(it.next());
            return out;
        }
    }

    /** On the driver, Spark's scheduler thread: hands each finished task's results over, quickly. */
    private static final class Handler extends AbstractFunction2<Object, ArrayList<SweepJob.Result>, BoxedUnit> {
        private final BlockingQueue<SweepJob.Result> to;

        Handler(BlockingQueue<SweepJob.Result> to) {
            this.to = to;
        }

        @Override
        public BoxedUnit apply(Object partition, ArrayList<SweepJob.Result> results) {
            to.addAll(results);
            return BoxedUnit.UNIT;
        }
    }

    private static final class Unit extends AbstractFunction0<BoxedUnit> {
        @Override
        public BoxedUnit apply() {
            return BoxedUnit.UNIT;
        }
    }
}
