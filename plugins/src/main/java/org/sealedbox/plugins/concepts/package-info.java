/** Standard concepts plugins; each registers itself with a Guice module listed in META-INF/services. */
package org.sealedbox.plugins.concepts;
