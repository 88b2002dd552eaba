package org.sealedbox.runtime.cli;

/**
 * A command another module adds to {@code sealedbox} (a picocli {@code @Command} class), found by
 * {@link java.util.ServiceLoader} when that module is on the class path: {@code bench} (module {@code bench/}), which
 * the launcher runs with that module's class path.
 */
public interface Subcommand {}
