package org.fthmc.run;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.fthmc.analysis.GammaMethod;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.markers.SeriesMarkers;

/** history.png: the plaquette and topological-charge histories per stream, and the Q autocorrelation function. */
public final class HistoryPlot {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 300;

    private HistoryPlot() {
    }

    public static void write(MeasurementTable table, Path png) throws IOException {
        List<XYChart> charts = new ArrayList<>();
        for (String column : List.of("plaquette", "topological_charge")) {
            if (table.has(column)) {
                charts.add(history(table, column));
            }
        }
        if (table.has("topological_charge")) {
            List<double[]> q = table.column("topological_charge");
            int shortest = q.stream().mapToInt(a -> a.length).min().orElse(0);
            if (shortest > 2) {
                double[] rho = GammaMethod.autocorrelation(q, Math.min(shortest - 1, 200));
                XYChart c = chart("Autocorrelation of Q", "lag (trajectories)", "ρ(t)");
                c.addSeries("ρ_Q", range(rho.length), rho).setMarker(SeriesMarkers.NONE);
                charts.add(c);
            }
        }
        if (charts.isEmpty()) {
            return;
        }
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT * charts.size(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, image.getWidth(), image.getHeight());
        for (int i = 0; i < charts.size(); i++) {
            g.drawImage(BitmapEncoder.getBufferedImage(charts.get(i)), 0, i * HEIGHT, null);
        }
        g.dispose();
        ImageIO.write(image, "png", png.toFile());
    }

    private static XYChart history(MeasurementTable table, String column) {
        XYChart c = chart(column + " history", "trajectory", column);
        List<double[]> values = table.column(column);
        List<double[]> trajectories = table.column("trajectory");
        for (int s = 0; s < values.size(); s++) {
            if (values.get(s).length > 0) {
                c.addSeries("stream " + s, trajectories.get(s), values.get(s)).setMarker(SeriesMarkers.NONE);
            }
        }
        return c;
    }

    /** An empty line chart of the plots' size, with a legend. */
    public static XYChart chart(String title, String x, String y) {
        XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(x).yAxisTitle(y).build();
        c.getStyler().setLegendVisible(true);
        return c;
    }

    private static double[] range(int n) {
        double[] r = new double[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
