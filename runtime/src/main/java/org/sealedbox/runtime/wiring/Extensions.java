package org.sealedbox.runtime.wiring;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.sealedbox.dsl.diag.Diagnostics;
import org.sealedbox.dsl.ir.ScriptUse;
import org.sealedbox.dsl.source.Source;
import org.sealedbox.dsl.source.Span;
import org.sealedbox.runtime.script.ScriptPlugins;
import org.sealedbox.runtime.spi.PluginFactory;

/**
 * Plugins from outside sealedbox: the jars of plugin folders and the Groovy scripts scenarios {@code use}. Loads
 * each jar folder and each script (by its content) once, and remembers the registry it built for each scenario
 * scope, so that checking a scenario and running it see the same factories.
 */
final class Extensions {
    private final boolean trust;
    private final ClassLoader parent;
    private final Set<Path> installedFolders = ConcurrentHashMap.newKeySet();
    private final Map<String, Map<String, List<PluginFactory>>> folders = new ConcurrentHashMap<>();
    private final Map<String, ScriptPlugins.Result> scripts = new ConcurrentHashMap<>();
    private final Map<String, Scoped> scopes = new ConcurrentHashMap<>();

    private record Scoped(PluginRegistry base, PluginRegistry registry) {}

    Extensions(boolean trust, ClassLoader parent) {
        this.trust = trust;
        this.parent = parent;
    }

    /** {@code r} with the plugins of every jar in {@code folder} (a {@code --plugins} folder). */
    PluginRegistry addFolder(PluginRegistry r, Path folder) {
        Path f = folder.toAbsolutePath().normalize();
        if (!Files.isDirectory(f)) throw new PluginLoadException(folder + ": there is no such folder of plugin jars");
        installedFolders.add(f);
        for (var e : jars(f).entrySet()) r = r.plus(e.getValue(), e.getKey());
        return r;
    }

    /** The factories of each jar in {@code folder}, by jar; loaded once per set of jar files (names, sizes, times). */
    private Map<String, List<PluginFactory>> jars(Path folder) {
        List<Path> jars;
        try (Stream<Path> s = Files.list(folder)) {
            jars = s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new PluginLoadException(shown(folder) + ": cannot list the folder: " + e.getMessage(), e);
        }
        StringBuilder key = new StringBuilder(folder.toString());
        for (Path j : jars) {
            try {
                key.append('|').append(j.getFileName()).append(':').append(Files.size(j)).append(':').append(Files.getLastModifiedTime(j));
            } catch (IOException e) {
                throw new PluginLoadException(shown(j) + ": cannot read: " + e.getMessage(), e);
            }
        }
        return folders.computeIfAbsent(key.toString(), k -> {
            URL[] urls = new URL[jars.size()];
            for (int i = 0; i < urls.length; i++) {
                try {
                    urls[i] = jars.get(i).toUri().toURL();
                } catch (MalformedURLException e) {
                    throw new PluginLoadException(shown(jars.get(i)) + ": not a loadable path", e);
                }
            }
            // one loader per folder: a plugin jar may bring the jars it needs along in the same folder
            URLClassLoader loader = new URLClassLoader("plugins " + shown(folder), urls, parent);
            Map<String, List<PluginFactory>> out = new LinkedHashMap<>();
            Wiring.modules(loader, shown(folder)).forEach((source, modules) -> out.put(source, Wiring.factories(modules, source)));
            return out;
        });
    }

    /** {@code base} widened for the scenario in {@code main}; see {@link PluginRegistry#scope}. */
    PluginRegistry scope(PluginRegistry base, Source main, List<ScriptUse> uses, Diagnostics d) {
        Path file = Path.of(main.name());
        Path beside = Files.isRegularFile(file) ? file.toAbsolutePath().normalize().getParent().resolve("plugins") : null;
        boolean besideJars = beside != null && Files.isDirectory(beside) && !installedFolders.contains(beside) && hasJars(beside);
        if (!besideJars && uses.isEmpty()) return base;

        Diagnostics mine = new Diagnostics();
        StringBuilder key = new StringBuilder().append(System.identityHashCode(base)).append('|').append(besideJars ? beside : "");
        List<Source> texts = new ArrayList<>();
        List<String> hashes = new ArrayList<>();
        for (ScriptUse u : uses) {
            Source text = read(u, mine);
            texts.add(text);
            hashes.add(text == null ? "missing" : sha256(text.text()));
            key.append('|').append(u.path()).append('#').append(hashes.get(hashes.size() - 1));
        }
        String k = key.toString();
        Scoped cached = scopes.get(k);
        if (cached != null && cached.base() == base && !mine.hasErrors()) return cached.registry();

        PluginRegistry r = base;
        if (besideJars) {
            try {
                for (var e : jars(beside).entrySet()) r = r.plus(e.getValue(), e.getKey());
            } catch (PluginLoadException e) {
                mine.error("plugins", new Span(main, 1, 1, 1), e.getMessage(),
                        "the jars in a plugins/ folder next to a scenario are installed for it");
            }
        }
        for (int i = 0; i < uses.size(); i++) {
            ScriptUse u = uses.get(i);
            Source text = texts.get(i);
            if (text == null) continue;
            ScriptPlugins.Result compiled = scripts.computeIfAbsent(u.path() + "#" + hashes.get(i) + "#" + trust,
                    x -> ScriptPlugins.compile(text, trust, parent));
            mine.addAll(compiled.diagnostics());
            if (compiled.diagnostics().hasErrors()) {
                int n = compiled.diagnostics().errorCount();
                mine.error("use", u.span(), "the plugin script " + text.name() + " does not compile: " + n + " error" + (n == 1 ? "" : "s")
                        + " in it", refused(compiled.diagnostics()) ? "scripts run sandboxed; `--trust` lifts the sandbox for scripts you trust" : null);
                continue;
            }
            if (compiled.factories().isEmpty()) {
                mine.error("use", u.span(), "the script " + text.name() + " defines no plugin",
                        "a plugin is a class with a no-argument constructor implementing LearnerFactory, JudgeFactory, MeasureFactory, "
                                + "EfficacyFactory or another factory of org.sealedbox.runtime.spi");
                continue;
            }
            try {
                r = r.plus(compiled.factories(), "the script " + text.name());
            } catch (PluginLoadException e) {
                mine.error("plugin-clash", u.span(), e.getMessage(), null);
            }
        }
        d.addAll(mine);
        if (!mine.hasErrors()) scopes.put(k, new Scoped(base, r));
        return r;
    }

    private static Source read(ScriptUse u, Diagnostics d) {
        try {
            String text = Files.readString(u.path(), StandardCharsets.UTF_8);
            return new Source(shown(u.path()), text.startsWith("\uFEFF") ? text.substring(1) : text);
        } catch (NoSuchFileException e) {
            d.error("use", u.span(), "there is no script " + shown(u.path()), "the path is relative to the folder of the file that names it");
        } catch (IOException e) {
            d.error("use", u.span(), "cannot read the script " + shown(u.path()) + ": " + e.getMessage(), null);
        }
        return null;
    }

    /** Whether the sandbox refused something (rather than the script being wrong). */
    private static boolean refused(Diagnostics d) {
        return d.list().stream().anyMatch(x -> x.message().startsWith("a sandboxed script may not"));
    }

    private static boolean hasJars(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.anyMatch(p -> p.getFileName().toString().endsWith(".jar"));
        } catch (IOException e) {
            return false;
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A path as the user would write it: relative to the working folder when it is inside it. */
    static String shown(Path p) {
        Path abs = p.toAbsolutePath().normalize();
        Path cwd = Path.of("").toAbsolutePath();
        return abs.startsWith(cwd) && !abs.equals(cwd) ? cwd.relativize(abs).toString() : abs.toString();
    }
}
