/**
 * The runtime: loads a scenario into the IR ({@link org.sealedbox.runtime.ScenarioLoader}), wires plugins
 * with Guice, runs the box on ND4J tensors, records results, and offers the CLI.
 */
package org.sealedbox.runtime;
