/** Results: run folders (metrics, resolved parameters, versions) and the verdicts of {@code expect} lines. */
package org.sealedbox.runtime.results;
