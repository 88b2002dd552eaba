/** Guice wiring: plugin modules found by ServiceLoader, factories resolved by name through MapBinders. */
package org.sealedbox.runtime.wiring;
