package org.sealedbox.runtime.spi;

import com.google.inject.Module;

/**
 * A plugin (or a set of them) as one Guice module, found by {@link java.util.ServiceLoader}: list the class
 * in {@code META-INF/services/org.sealedbox.runtime.spi.PluginModule}. In {@code configure}, add factories
 * with {@link Plugins}, never with raw keys.
 */
public interface PluginModule extends Module {}
