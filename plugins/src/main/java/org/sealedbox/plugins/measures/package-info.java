/** Standard measures plugins; each registers itself with a Guice module listed in META-INF/services. */
package org.sealedbox.plugins.measures;
