package org.sealedbox.runtime.report;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * A {@code metrics.csv} as read back: label columns (none for a run; variant, axes and seed for a sweep), then
 * {@code tick}, the box-time column ({@code year}, … or {@code time} when the unit is the tick) and one column per
 * measure. A value that is not a number (NaN, empty, garbled) reads as NaN.
 */
final class Metrics {
    record Row(List<String> labels, long tick, double time, double[] values) {}

    final List<String> labelColumns;
    final String timeColumn;
    final List<String> measures;
    final List<Row> rows;

    private Metrics(List<String> labelColumns, String timeColumn, List<String> measures, List<Row> rows) {
        this.labelColumns = labelColumns;
        this.timeColumn = timeColumn;
        this.measures = measures;
        this.rows = rows;
    }

    /** The unit of box time, singular: the time column's name, {@code tick} for a column named {@code time}. */
    String unit() {
        return timeColumn.equals("time") ? "tick" : timeColumn;
    }

    int index(String measure) {
        return measures.indexOf(measure);
    }

    /**
     * @param sweep a sweep's table: the {@code tick} column follows {@code seed}, and the columns before it are labels
     *              (variant, axes, seed); a run's table starts with {@code tick}
     */
    static Metrics read(Path file, boolean sweep) {
        if (!Files.isRegularFile(file)) throw new ReportException("there is no " + file + " to plot");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
                CSVParser csv = CSVFormat.DEFAULT.builder().setTrim(true).build().parse(in)) {
            List<CSVRecord> records = csv.getRecords();
            if (records.isEmpty()) throw new ReportException(file + " is empty: it has not even its header line");
            List<String> header = records.get(0).toList();
            int tickColumn = sweep ? header.indexOf("seed") + 1 : 0;
            if (sweep && tickColumn == 0) throw new ReportException(file + " has no `seed` column: its header is " + String.join(",", header));
            if (header.size() < tickColumn + 2 || !header.get(tickColumn).equals("tick")) {
                throw new ReportException(file + " does not look like sealedbox metrics: column " + (tickColumn + 1)
                        + " should be `tick`, followed by box time and the measures; its header is " + String.join(",", header));
            }
            List<String> labels = List.copyOf(header.subList(0, tickColumn));
            String time = header.get(tickColumn + 1);
            List<String> measures = List.copyOf(header.subList(tickColumn + 2, header.size()));
            List<Row> rows = new ArrayList<>();
            for (CSVRecord r : records.subList(1, records.size())) {
                if (r.size() < tickColumn + 2) continue; // a line cut short by a crash while it was written
                List<String> l = new ArrayList<>(tickColumn);
                for (int i = 0; i < tickColumn; i++) l.add(r.get(i));
                double tick = number(r.get(tickColumn));
                if (!Double.isFinite(tick)) continue;
                double[] values = new double[measures.size()];
                for (int i = 0; i < values.length; i++) {
                    int c = tickColumn + 2 + i;
                    values[i] = c < r.size() ? number(r.get(c)) : Double.NaN;
                }
                rows.add(new Row(List.copyOf(l), (long) tick, number(r.get(tickColumn + 1)), values));
            }
            return new Metrics(labels, time, measures, List.copyOf(rows));
        } catch (IOException | RuntimeException e) {
            if (e instanceof ReportException re) throw re;
            throw new ReportException("cannot read " + file + ": " + e.getMessage());
        }
    }

    static double number(String s) {
        if (s == null || s.isEmpty()) return Double.NaN;
        try {
            return Double.parseDouble(s);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
