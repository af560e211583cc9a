package org.fthmc.run;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** measurements.csv read back as columns split by stream, for the summary and the plots. */
public final class MeasurementTable {
    private final List<String> header;
    private final int streams;
    private final List<List<double[]>> columns;

    private MeasurementTable(List<String> header, int streams, List<List<double[]>> columns) {
        this.header = header;
        this.streams = streams;
        this.columns = columns;
    }

    public static MeasurementTable read(Path csv, int streams) throws IOException {
        List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
        List<String> header = Arrays.asList(lines.get(0).split(","));
        List<List<List<Double>>> byColumn = new ArrayList<>();
        for (int c = 0; c < header.size(); c++) {
            List<List<Double>> perStream = new ArrayList<>();
            for (int s = 0; s < streams; s++) {
                perStream.add(new ArrayList<>());
            }
            byColumn.add(perStream);
        }
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",");
            int stream = Integer.parseInt(cells[0]);
            for (int c = 0; c < header.size(); c++) {
                byColumn.get(c).get(stream).add(Double.parseDouble(cells[c]));
            }
        }
        List<List<double[]>> columns = new ArrayList<>();
        for (List<List<Double>> perStream : byColumn) {
            columns.add(perStream.stream().map(l -> l.stream().mapToDouble(Double::doubleValue).toArray()).toList());
        }
        return new MeasurementTable(header, streams, columns);
    }

    public boolean has(String column) {
        return header.contains(column);
    }

    /** The column's values, one array per stream. */
    public List<double[]> column(String name) {
        int c = header.indexOf(name);
        if (c < 0) {
            throw new IllegalArgumentException("no column " + name);
        }
        return columns.get(c);
    }

    public int streams() {
        return streams;
    }

    public int rows() {
        return column("stream").stream().mapToInt(a -> a.length).sum();
    }
}
