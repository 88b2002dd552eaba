/** Evolution: a target genome, genomes of bits, truncation selection with mutation and recombination, bits per generation. */
package org.sealedbox.plugins.evolution;
