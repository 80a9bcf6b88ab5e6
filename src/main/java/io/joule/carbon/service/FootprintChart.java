package io.joule.carbon.service;

import io.joule.carbon.Footprint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.VectorGraphicsEncoder;

/** Draws a footprint as a bar chart per half-hour (XChart); a half-hour without a footprint draws an empty bar. */
public final class FootprintChart {
    static {
        System.setProperty("java.awt.headless", "true");
    }

    private FootprintChart() {
    }

    public static byte[] png(Footprint footprint) {
        try {
            return BitmapEncoder.getBitmapBytes(chart(footprint), BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static byte[] svg(Footprint footprint) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            VectorGraphicsEncoder.saveVectorGraphic(chart(footprint), out, VectorGraphicsEncoder.VectorGraphicsFormat.SVG);
            // SVG needs no DTD, and XML parsers set up against XXE refuse any DOCTYPE: clients could not read the chart.
            String svg = out.toString(StandardCharsets.UTF_8).replaceFirst("<!DOCTYPE[^>]*>\\s*", "");
            return svg.getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static CategoryChart chart(Footprint f) {
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(500)
                .title("Carbon footprint of asset " + f.assetId() + " on " + f.date() + " (" + f.zone() + ", grid " + f.region() + ")")
                .xAxisTitle("Half-hour (HalfHourId, 1 = from local midnight)")
                .yAxisTitle("Footprint (gCO2eq)")
                .build();
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setXAxisLabelRotation(90);
        chart.getStyler().setYAxisDecimalPattern("#,##0");
        List<Integer> ids = f.halfHours().stream().map(Footprint.HalfHour::halfHourId).toList();
        List<Double> grams = f.halfHours().stream().map(h -> h.footprintG() == null ? 0.0 : h.footprintG()).toList();
        chart.addSeries("footprint", ids, grams);
        return chart;
    }
}
