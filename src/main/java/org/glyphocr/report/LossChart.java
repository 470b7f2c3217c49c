package org.glyphocr.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.Shape;
import java.awt.Stroke;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Line2D;
import java.awt.geom.Path2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.math.BigDecimal;
import java.math.MathContext;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;
import org.glyphocr.train.EpochRecord;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.DatasetRenderingOrder;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYDotRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.DefaultXYDataset;

/** Builds the training chart of {@link TrainingCharts#writeTrainingChart} with JFreeChart. */
final class LossChart {
    /** At most this many batch losses are plotted; longer runs are sampled by {@link #sampleSteps}. */
    static final int MAX_PLOTTED_STEPS = 50_000;

    private static final Color DOTS = new Color(31, 119, 180);
    private static final Color DIVERGED = new Color(214, 39, 40);
    private static final Color MEAN_LOSS = new Color(8, 38, 84);
    private static final Color TRAIN_ACCURACY = new Color(44, 160, 44);
    private static final Color VALIDATION_ACCURACY = new Color(255, 127, 14);
    private static final Color HALVED = new Color(214, 39, 40);
    private static final Color SCHEDULE = new Color(120, 120, 120);
    private static final Color GRID = new Color(225, 225, 225);
    private static final Stroke HALVED_STROKE = new BasicStroke(1.6f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {7f, 4f}, 0f);
    private static final Stroke SCHEDULE_STROKE = new BasicStroke(1.1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] {2f, 3f}, 0f);
    /** Loss axis switches to a log scale when the largest loss exceeds the smallest positive one by this factor. */
    private static final double LOG_SCALE_SPAN = 100;
    /** Share of the loss axis, at its top, kept free for the clipped (NaN or infinite) losses. */
    private static final double CLIP_BAND = 0.06;
    /** Rough width of the axes around the data area, to place marker labels before JFreeChart lays out. */
    private static final int AXES_WIDTH = 150;
    private static final int MAX_LABEL_ROWS = 4;
    private static final int MAX_SCHEDULE_LABEL_ROWS = 2;
    /** Below this width or height the chart has no legend and no summary line. */
    static final int THUMBNAIL_WIDTH = 400;
    static final int THUMBNAIL_HEIGHT = 300;

    private LossChart() {
    }

    /**
     * Which batch losses to plot: all of them if there are at most {@code maxPoints}, otherwise one
     * per bucket of {@code losses.length / maxPoints} consecutive steps. Each bucket gives its first
     * step, or its first non-finite (diverged) step if it has one, so divergences are never sampled
     * away. The choice depends on nothing but the arguments.
     *
     * @param losses batch losses, one per step. Not modified.
     * @param maxPoints the most indices to return, {@code >= 1}
     * @return increasing indices into {@code losses}, {@code min(losses.length, maxPoints)} of them
     */
    static int[] sampleSteps(float[] losses, int maxPoints) {
        if (maxPoints < 1) throw new IllegalArgumentException("maxPoints must be >= 1, was " + maxPoints);
        int n = losses.length;
        if (n <= maxPoints) {
            int[] all = new int[n];
            for (int i = 0; i < n; i++) all[i] = i;
            return all;
        }
        int[] chosen = new int[maxPoints];
        for (int b = 0; b < maxPoints; b++) {
            int from = (int) ((long) b * n / maxPoints);
            int to = (int) ((long) (b + 1) * n / maxPoints);
            int pick = from;
            for (int i = from; i < to; i++) {
                if (!Float.isFinite(losses[i])) {
                    pick = i;
                    break;
                }
            }
            chosen[b] = pick;
        }
        return chosen;
    }

    /** The loss axis: linear or log, its range, and where clipped losses are drawn. */
    record LossScale(boolean log, double lower, double upper, double clipY) {
        /** {@code v} moved into the visible range (a log axis cannot show zero). */
        double clamp(double v) {
            return Math.max(lower, Math.min(upper, v));
        }

        static LossScale of(float[] losses, List<EpochRecord> epochs) {
            double min = Double.POSITIVE_INFINITY;
            double minPositive = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (float v : losses) {
                if (!Float.isFinite(v)) continue;
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (v > 0) minPositive = Math.min(minPositive, v);
            }
            for (EpochRecord e : epochs) {
                double v = e.meanLoss();
                if (!Double.isFinite(v)) continue;
                min = Math.min(min, v);
                max = Math.max(max, v);
                if (v > 0) minPositive = Math.min(minPositive, v);
            }
            if (min > max) return new LossScale(false, 0, 1, 1 - CLIP_BAND / 2); // no finite loss at all
            if (minPositive < Double.POSITIVE_INFINITY && max / minPositive > LOG_SCALE_SPAN) {
                double lower = minPositive / 1.25;
                double top = max * 1.25;
                double upper = top * Math.pow(top / lower, CLIP_BAND);
                return new LossScale(true, lower, upper, upper / Math.pow(upper / lower, CLIP_BAND / 2));
            }
            double lower = Math.min(0, min);
            double top = max > lower ? max + 0.04 * (max - lower) : lower + 1;
            double upper = top + CLIP_BAND * (top - lower);
            return new LossScale(false, lower, upper, upper - CLIP_BAND / 2 * (upper - lower));
        }
    }

    /** A vertical line at a learning-rate change. */
    record RateMarker(double step, String label, boolean halving) {
    }

    /**
     * The learning-rate changes: a halving after each {@code halved} epoch (labelled with the new
     * rate), and a schedule change wherever an epoch's rate differs from the one the previous epoch
     * implies (its rate, or half of it after a halving). Both sit at the step where the previous
     * epoch ended.
     */
    static List<RateMarker> rateMarkers(List<EpochRecord> epochs) {
        List<RateMarker> markers = new ArrayList<>();
        for (int i = 0; i < epochs.size(); i++) {
            EpochRecord e = epochs.get(i);
            if (e.halved()) markers.add(new RateMarker(e.steps(), "halved → " + formatRate(e.learningRate() / 2), true));
            if (i > 0) {
                EpochRecord prev = epochs.get(i - 1);
                double expected = prev.halved() ? prev.learningRate() / 2 : prev.learningRate();
                if (!sameRate(expected, e.learningRate())) {
                    markers.add(new RateMarker(prev.steps(), "lr → " + formatRate(e.learningRate()), false));
                }
            }
        }
        return markers;
    }

    private static boolean sameRate(double a, double b) {
        if (Double.compare(a, b) == 0) return true;
        return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
    }

    /** A learning rate in at most 4 significant digits, without trailing zeros: {@code 0.15}, {@code 0.0375}, {@code 1.2e-05}. */
    static String formatRate(double rate) {
        if (!Double.isFinite(rate)) return String.valueOf(rate);
        if (rate == 0) return "0";
        double a = Math.abs(rate);
        if (a >= 1e-4 && a < 1e6) {
            return new BigDecimal(rate).round(new MathContext(4)).stripTrailingZeros().toPlainString();
        }
        return String.format(Locale.ROOT, "%.3g", rate);
    }

    static BufferedImage render(String title, float[] losses, List<EpochRecord> epochs, int width, int height) {
        int[] sampled = sampleSteps(losses, MAX_PLOTTED_STEPS);
        LossScale scale = LossScale.of(losses, epochs);

        // Datasets, drawn in this order: dots at the bottom, lines over them.
        DefaultXYDataset dots = new DefaultXYDataset();
        DefaultXYDataset diverged = new DefaultXYDataset();
        int finite = 0;
        for (int i : sampled) if (Float.isFinite(losses[i])) finite++;
        double[][] dotData = new double[2][finite];
        double[][] divergedData = new double[2][sampled.length - finite];
        int d = 0;
        int c = 0;
        for (int i : sampled) {
            float v = losses[i];
            if (Float.isFinite(v)) {
                dotData[0][d] = i + 1; // step i+1 is the (i+1)-th SGD step, matching EpochRecord.steps
                dotData[1][d++] = scale.clamp(v);
            } else {
                divergedData[0][c] = i + 1;
                divergedData[1][c++] = scale.clipY();
            }
        }
        dots.addSeries("batch loss", dotData);
        diverged.addSeries("diverged step", divergedData);

        DefaultXYDataset meanLoss = new DefaultXYDataset();
        DefaultXYDataset accuracy = new DefaultXYDataset();
        meanLoss.addSeries("epoch mean loss", meanLossSeries(epochs, scale));
        double[][] train = percentSeries(epochs, EpochRecord::trainAccuracy);
        double[][] validation = percentSeries(epochs, EpochRecord::validationAccuracy);
        accuracy.addSeries("train accuracy", train);
        accuracy.addSeries("validation accuracy", validation);
        boolean anyAccuracy = train[0].length + validation[0].length > 0;

        boolean thumbnail = width < THUMBNAIL_WIDTH || height < THUMBNAIL_HEIGHT;
        Font axisFont = TextFonts.base(Font.PLAIN, thumbnail ? 11 : 14);
        Font tickFont = TextFonts.base(Font.PLAIN, thumbnail ? 10 : 12);

        long lastStep = losses.length;
        for (EpochRecord e : epochs) lastStep = Math.max(lastStep, e.steps());
        NumberAxis stepAxis = new NumberAxis("SGD step");
        stepAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
        stepAxis.setRange(0, Math.max(1, lastStep) * 1.01);

        ValueAxis lossAxis;
        if (scale.log()) {
            LogAxis log = new LogAxis("loss (log scale)");
            log.setSmallestValue(scale.lower());
            log.setNumberFormatOverride(new LossFormat());
            // One tick per decade, labelled 0.01, 0.1, 1, 10: finer log ticks read as 0.3981.
            log.setTickUnit(new NumberTickUnit(1), false, false);
            log.setAutoTickUnitSelection(false);
            log.setMinorTickCount(9);
            log.setMinorTickMarksVisible(true);
            lossAxis = log;
        } else {
            NumberAxis linear = new NumberAxis("loss");
            linear.setNumberFormatOverride(new LossFormat());
            lossAxis = linear;
        }
        lossAxis.setRange(scale.lower(), scale.upper());

        XYPlot plot = new XYPlot();
        plot.setDomainAxis(stepAxis);
        plot.setRangeAxis(0, lossAxis);
        plot.setDataset(0, dots);
        plot.setDataset(1, diverged);
        plot.setDataset(2, meanLoss);
        plot.setRenderer(0, dotRenderer(sampled.length, width));
        plot.setRenderer(1, shapesOnly(DIVERGED, triangle(5)));
        plot.setRenderer(2, line(MEAN_LOSS, 2.2f, new Ellipse2D.Double(-3, -3, 6, 6), null));
        if (anyAccuracy) {
            NumberAxis accuracyAxis = new NumberAxis("accuracy (%)");
            accuracyAxis.setRange(accuracyLower(train[1], validation[1]), 100.8);
            accuracyAxis.setStandardTickUnits(NumberAxis.createIntegerTickUnits(Locale.ROOT));
            plot.setRangeAxis(1, accuracyAxis);
            plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
            plot.setDataset(3, accuracy);
            plot.mapDatasetToRangeAxis(3, 1);
            XYLineAndShapeRenderer acc = line(TRAIN_ACCURACY, 1.8f, new Rectangle2D.Double(-3.5, -3.5, 7, 7),
                    new float[] {6f, 3f});
            acc.setSeriesPaint(1, VALIDATION_ACCURACY);
            acc.setSeriesStroke(1, new BasicStroke(2.2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND));
            acc.setSeriesShape(1, diamond(5));
            plot.setRenderer(3, acc);
        }
        plot.setDatasetRenderingOrder(DatasetRenderingOrder.FORWARD);
        plot.setNoDataMessage("no training steps recorded");
        plot.setNoDataMessageFont(axisFont);

        // Fonts and colours set here rather than by a StandardChartTheme, whose apply() would reset
        // the series colours chosen above.
        for (int i = 0; i < plot.getRangeAxisCount(); i++) style(plot.getRangeAxis(i), axisFont, tickFont);
        style(stepAxis, axisFont, tickFont);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlinePaint(Color.GRAY);
        plot.setDomainGridlinePaint(GRID);
        plot.setRangeGridlinePaint(GRID);
        plot.setDomainGridlineStroke(new BasicStroke(0.8f));
        plot.setRangeGridlineStroke(new BasicStroke(0.8f));
        JFreeChart chart = new JFreeChart(plot);
        chart.setBackgroundPaint(Color.WHITE);
        plot.setAxisOffset(new RectangleInsets(4, 4, 4, 4));

        List<RateMarker> markers = rateMarkers(epochs);
        addRateMarkers(plot, markers, lastStep, width);
        plot.setFixedLegendItems(legend(markers, losses.length, sampled.length, dots, diverged, epochs, anyAccuracy, train[0].length > 0,
                validation[0].length > 0));
        TextFonts.Fitted t = TextFonts.fit(title, Font.BOLD, thumbnail ? 13 : 18);
        chart.setTitle(new TextTitle(t.text(), t.font()));
        if (thumbnail) {
            // A thumbnail: the legend and the summary would leave no room for the plot.
            chart.removeLegend();
        } else {
            chart.getLegend().setItemFont(tickFont);
            chart.getLegend().setFrame(BlockBorder.NONE);
            TextTitle summary = new TextTitle(summary(losses, sampled.length, epochs), TextFonts.base(Font.PLAIN, 12.5f));
            summary.setPaint(new Color(80, 80, 80));
            chart.addSubtitle(summary);
        }
        chart.setPadding(new RectangleInsets(6, 8, 6, 8));
        return chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
    }

    /**
     * Loss values as people write them: {@code 0.001}, {@code 2.5}, {@code 100}, and in E notation
     * ({@code 1E-5}) only outside {@code [1e-4, 1e6)}.
     */
    static final class LossFormat extends NumberFormat {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            double a = Math.abs(number);
            if (number == 0 || (a >= 1e-4 && a < 1e6)) {
                return to.append(new BigDecimal(number).round(new MathContext(3)).stripTrailingZeros().toPlainString());
            }
            return to.append(new DecimalFormat("0.##E0", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(number));
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return format((double) number, to, pos);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            throw new UnsupportedOperationException("LossFormat only formats");
        }
    }

    private static void style(ValueAxis axis, Font labelFont, Font tickFont) {
        axis.setLabelFont(labelFont);
        axis.setTickLabelFont(tickFont);
        axis.setLabelPaint(new Color(40, 40, 40));
        axis.setTickLabelPaint(new Color(60, 60, 60));
    }

    /**
     * The epoch means, clamped to the loss axis; a non-finite mean (a diverged epoch) becomes a NaN
     * point, which breaks the line there rather than bridging the divergence.
     */
    private static double[][] meanLossSeries(List<EpochRecord> epochs, LossScale scale) {
        double[][] data = new double[2][epochs.size()];
        for (int i = 0; i < epochs.size(); i++) {
            EpochRecord e = epochs.get(i);
            data[0][i] = e.steps();
            data[1][i] = Double.isFinite(e.meanLoss()) ? scale.clamp(e.meanLoss()) : Double.NaN;
        }
        return data;
    }

    /** {@code [x = steps, y = 100 · accuracy]} for each epoch whose accuracy is not NaN. */
    private static double[][] percentSeries(List<EpochRecord> epochs, ToDoubleFunction<EpochRecord> accuracy) {
        List<double[]> points = new ArrayList<>();
        for (EpochRecord e : epochs) {
            double v = accuracy.applyAsDouble(e);
            if (Double.isFinite(v)) points.add(new double[] {e.steps(), 100 * v});
        }
        double[][] data = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            data[0][i] = points.get(i)[0];
            data[1][i] = points.get(i)[1];
        }
        return data;
    }

    private static double accuracyLower(double[] train, double[] validation) {
        double min = 100;
        for (double v : train) min = Math.min(min, v);
        for (double v : validation) min = Math.min(min, v);
        return Math.max(0, Math.floor((min - 3) / 5) * 5);
    }

    /**
     * Tiny dots whose opacity falls as they crowd: with tens of thousands of steps across a thousand
     * pixels, each dot is faint and the density of the cloud shows where most losses lie.
     */
    private static XYDotRenderer dotRenderer(int points, int width) {
        double perPixel = points / (double) Math.max(100, width - AXES_WIDTH);
        int alpha = (int) Math.max(50, Math.min(200, 240 / Math.max(perPixel, 1e-9)));
        int size = points <= 3000 ? 3 : 2;
        XYDotRenderer r = new XYDotRenderer();
        r.setDotWidth(size);
        r.setDotHeight(size);
        r.setSeriesPaint(0, new Color(DOTS.getRed(), DOTS.getGreen(), DOTS.getBlue(), alpha));
        return r;
    }

    private static XYLineAndShapeRenderer shapesOnly(Color color, Shape shape) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesPaint(0, color);
        r.setSeriesShape(0, shape);
        return r;
    }

    private static XYLineAndShapeRenderer line(Color color, float width, Shape shape, float[] dash) {
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(0, color);
        r.setSeriesStroke(0, dash == null
                ? new BasicStroke(width, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND)
                : new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, dash, 0f));
        r.setSeriesShape(0, shape);
        r.setDrawOutlines(false);
        return r;
    }

    private static Shape triangle(double r) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -r);
        p.lineTo(r, r * 0.8);
        p.lineTo(-r, r * 0.8);
        p.closePath();
        return p;
    }

    private static Shape diamond(double r) {
        Path2D.Double p = new Path2D.Double();
        p.moveTo(0, -r);
        p.lineTo(r, 0);
        p.lineTo(0, r);
        p.lineTo(-r, 0);
        p.closePath();
        return p;
    }

    /**
     * Adds the markers, halvings first. Labels go in rows at the bottom of the plot (up to 4 for
     * halvings, 2 for schedule changes), each in the first row where it overlaps no label placed
     * before; a label with no room in any row is left off (the line stays). The pixel positions are estimates: JFreeChart lays out the axes later.
     */
    private static void addRateMarkers(XYPlot plot, List<RateMarker> markers, long lastStep, int width) {
        Font halvedFont = TextFonts.base(Font.BOLD, 12);
        Font scheduleFont = TextFonts.base(Font.PLAIN, 12);
        double dataWidth = Math.max(100, width - AXES_WIDTH);
        double xMax = Math.max(1, lastStep) * 1.01;
        List<RateMarker> ordered = new ArrayList<>(markers);
        ordered.sort((a, b) -> Boolean.compare(b.halving(), a.halving())); // stable: halvings first, in order
        List<List<double[]>> taken = new ArrayList<>();
        for (int r = 0; r < MAX_LABEL_ROWS; r++) taken.add(new ArrayList<>());
        Graphics2D g = TextFonts.measuring();
        try {
            for (RateMarker m : ordered) {
                ValueMarker line = m.halving()
                        ? new ValueMarker(m.step(), HALVED, HALVED_STROKE)
                        : new ValueMarker(m.step(), SCHEDULE, SCHEDULE_STROKE);
                line.setAlpha(m.halving() ? 0.9f : 0.8f);
                Font font = m.halving() ? halvedFont : scheduleFont;
                FontMetrics fm = g.getFontMetrics(font);
                double x = m.step() / xMax * dataWidth;
                double labelWidth = fm.stringWidth(m.label()) + 10;
                // Labels sit right of their line, or left of it near the right edge.
                boolean right = x + labelWidth < dataWidth;
                double from = right ? x : x - labelWidth;
                double to = right ? x + labelWidth : x;
                int row = -1;
                // Schedules may change the rate every epoch; their labels get fewer rows than halvings.
                int rows = m.halving() ? MAX_LABEL_ROWS : MAX_SCHEDULE_LABEL_ROWS;
                for (int r = 0; r < rows && row < 0; r++) {
                    boolean free = true;
                    for (double[] span : taken.get(r)) {
                        if (from < span[1] && span[0] < to) {
                            free = false;
                            break;
                        }
                    }
                    if (free) row = r;
                }
                if (row >= 0) {
                    taken.get(row).add(new double[] {from, to});
                    line.setLabel(m.label());
                    line.setLabelFont(font);
                    line.setLabelPaint(m.halving() ? HALVED.darker() : new Color(70, 70, 70));
                    line.setLabelBackgroundColor(new Color(255, 255, 255, 215));
                    line.setLabelAnchor(right ? RectangleAnchor.BOTTOM_RIGHT : RectangleAnchor.BOTTOM_LEFT);
                    line.setLabelTextAnchor(right ? TextAnchor.BOTTOM_LEFT : TextAnchor.BOTTOM_RIGHT);
                    line.setLabelOffset(new RectangleInsets(4, 4, 6 + row * (fm.getHeight() + 6), 4));
                }
                plot.addDomainMarker(0, line, Layer.FOREGROUND);
            }
        } finally {
            g.dispose();
        }
    }

    private static LegendItemCollection legend(List<RateMarker> markers, int steps, int plotted, DefaultXYDataset dots, DefaultXYDataset diverged,
                                               List<EpochRecord> epochs, boolean anyAccuracy, boolean anyTrain,
                                               boolean anyValidation) {
        LegendItemCollection items = new LegendItemCollection();
        Shape dot = new Ellipse2D.Double(-2.5, -2.5, 5, 5);
        Shape lineShape = new Line2D.Double(-9, 0, 9, 0);
        if (dots.getItemCount(0) > 0) {
            String per = plotted < steps ? "one dot per " + stride(steps, plotted) + " steps" : "one dot per step";
            items.add(new LegendItem("batch loss (" + per + ")", null, null, null, dot, DOTS));
        }
        if (diverged.getItemCount(0) > 0) {
            items.add(new LegendItem("diverged step (NaN/∞ loss, drawn at top)", null, null, null, triangle(5), DIVERGED));
        }
        if (!epochs.isEmpty()) {
            items.add(lineItem("epoch mean loss", lineShape, new BasicStroke(2.2f), MEAN_LOSS, new Ellipse2D.Double(-3, -3, 6, 6)));
        }
        if (anyAccuracy && anyTrain) {
            items.add(lineItem("train accuracy (right axis)", lineShape,
                    new BasicStroke(1.8f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {6f, 3f}, 0f),
                    TRAIN_ACCURACY, new Rectangle2D.Double(-3.5, -3.5, 7, 7)));
        }
        if (anyAccuracy && anyValidation) {
            items.add(lineItem("validation accuracy (right axis)", lineShape, new BasicStroke(2.2f), VALIDATION_ACCURACY, diamond(5)));
        }
        boolean anyHalving = markers.stream().anyMatch(RateMarker::halving);
        boolean anySchedule = markers.stream().anyMatch(m -> !m.halving());
        if (anyHalving) items.add(new LegendItem("epoch undone, learning rate halved", null, null, null, lineShape, HALVED_STROKE, HALVED));
        if (anySchedule) items.add(new LegendItem("learning-rate change (schedule)", null, null, null, lineShape, SCHEDULE_STROKE, SCHEDULE));
        return items;
    }

    private static LegendItem lineItem(String label, Shape line, Stroke stroke, Color color, Shape marker) {
        return new LegendItem(label, null, null, null, true, marker, true, color, false, color, stroke, true, line, stroke, color);
    }

    /** Steps per plotted dot, {@code 2} or {@code 2.5}. */
    private static String stride(int steps, int plotted) {
        double s = steps / (double) plotted;
        return Math.abs(s - Math.rint(s)) < 0.05 ? Long.toString(Math.round(s)) : String.format(Locale.ROOT, "%.1f", s);
    }

    private static String summary(float[] losses, int plotted, List<EpochRecord> epochs) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%,d steps", losses.length));
        if (plotted < losses.length) {
            s.append(String.format(Locale.ROOT, " (%,d dots, one per %s steps)", plotted, stride(losses.length, plotted)));
        }
        int nonFinite = 0;
        for (float v : losses) if (!Float.isFinite(v)) nonFinite++;
        if (nonFinite > 0) s.append(String.format(Locale.ROOT, ", %,d with NaN/∞ loss", nonFinite));
        s.append(String.format(Locale.ROOT, " · %d epoch%s", epochs.size(), epochs.size() == 1 ? "" : "s"));
        long halvings = epochs.stream().filter(EpochRecord::halved).count();
        if (halvings > 0) s.append(String.format(Locale.ROOT, " (%d undone)", halvings));
        EpochRecord best = null;
        for (EpochRecord e : epochs) {
            if (!Double.isNaN(e.validationAccuracy()) && (best == null || e.validationAccuracy() > best.validationAccuracy())) best = e;
        }
        if (best != null) {
            s.append(String.format(Locale.ROOT, " · best validation %.2f%% (epoch %d)", 100 * best.validationAccuracy(), best.epoch()));
        }
        return s.toString();
    }
}
