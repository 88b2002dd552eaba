package org.sealedbox.runtime.results;

import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/** What a run's numbers depend on besides the scenario and seed: versions, backend, thread count. */
public final class Versions {
    private Versions() {}

    public static String sealedbox() {
        return props().getProperty("sealedbox.version", "unknown");
    }

    public static String nd4j() {
        return props().getProperty("nd4j.version", "unknown");
    }

    private static Properties props() {
        Properties p = new Properties();
        try (InputStream in = Versions.class.getResourceAsStream("/org/sealedbox/runtime/version.properties")) {
            if (in != null) p.load(in);
        } catch (IOException ignored) {
            // a missing version file leaves "unknown", which the run record shows
        }
        return p;
    }

    /** Versions and environment; touching the backend loads ND4J, so call only when a run happens. */
    public static Map<String, Object> all() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("sealedbox", sealedbox());
        m.put("nd4j", nd4j());
        m.put("nd4j_backend", org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName());
        m.put("nd4j_environment_threads", org.nd4j.linalg.factory.Nd4j.getEnvironment().maxThreads());
        m.put("omp_num_threads", System.getenv().getOrDefault("OMP_NUM_THREADS", "unset"));
        m.put("java", System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")");
        m.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        return m;
    }
}
