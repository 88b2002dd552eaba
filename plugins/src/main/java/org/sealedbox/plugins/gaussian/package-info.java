/** The recursive-fitting setting: a world of Gaussian draws, a model that is a Gaussian, its fit, its variance. */
package org.sealedbox.plugins.gaussian;
