/**
 * Reports: results (files) → a self-contained {@code report.html}. Reads only the files of a run or sweep folder (never
 * a live box), so {@code sealedbox report DIR} can write it again at any time. {@link org.sealedbox.runtime.report.Report}
 * is the entry point; {@code RunData}/{@code SweepData} read folders, {@code SvgPlot} draws plots, {@code Pages} writes
 * the HTML.
 */
package org.sealedbox.runtime.report;
