package io.datadump.portal;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * A bar chart of one value per day (rows or bytes of the retained dumps), drawn as SVG on the server: no chart
 * library, nothing loaded from elsewhere, readable without JavaScript. Every text in it is escaped.
 */
final class HistoryChart {
    record Point(LocalDate day, long value) {}

    private static final int WIDTH = 760, HEIGHT = 280, LEFT = 90, RIGHT = 20, TOP = 36, BOTTOM = 56;

    private HistoryChart() {}

    static String svg(String title, List<Point> points, boolean bytes, Locale locale) {
        StringBuilder s = new StringBuilder(4096);
        s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"")
                .append(WIDTH)
                .append("\" height=\"")
                .append(HEIGHT)
                .append("\" viewBox=\"0 0 ")
                .append(WIDTH)
                .append(' ')
                .append(HEIGHT)
                .append("\" role=\"img\" font-family=\"sans-serif\" font-size=\"12\">");
        s.append("<title>").append(escape(title)).append("</title>");
        s.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>");
        s.append("<text x=\"")
                .append(LEFT)
                .append("\" y=\"20\" font-size=\"14\" font-weight=\"bold\">")
                .append(escape(title))
                .append("</text>");
        long max = Math.max(1, points.stream().mapToLong(Point::value).max().orElse(1));
        int plotW = WIDTH - LEFT - RIGHT, plotH = HEIGHT - TOP - BOTTOM;
        for (int i = 0; i <= 4; i++) { // grid lines and their values
            double y = TOP + plotH - plotH * i / 4.0;
            s.append("<line x1=\"")
                    .append(LEFT)
                    .append("\" x2=\"")
                    .append(WIDTH - RIGHT)
                    .append("\" y1=\"")
                    .append(fmt(y))
                    .append("\" y2=\"")
                    .append(fmt(y))
                    .append("\" stroke=\"#dddddd\"/>");
            s.append("<text x=\"")
                    .append(LEFT - 6)
                    .append("\" y=\"")
                    .append(fmt(y + 4))
                    .append("\" text-anchor=\"end\">")
                    .append(escape(label(max * i / 4, bytes, locale)))
                    .append("</text>");
        }
        if (points.isEmpty()) return s.append("</svg>").toString();
        double slot = (double) plotW / points.size();
        double bar = Math.max(2, Math.min(48, slot * 0.7));
        int labelEvery = Math.max(1, (int) Math.ceil(points.size() / 12.0));
        for (int i = 0; i < points.size(); i++) {
            Point p = points.get(i);
            double h = plotH * (double) p.value() / max;
            double x = LEFT + slot * i + (slot - bar) / 2;
            s.append("<rect x=\"")
                    .append(fmt(x))
                    .append("\" y=\"")
                    .append(fmt(TOP + plotH - h))
                    .append("\" width=\"")
                    .append(fmt(bar))
                    .append("\" height=\"")
                    .append(fmt(h))
                    .append("\" fill=\"#2f6f9f\"><title>")
                    .append(escape(PortalWeb.date(p.day(), locale) + ": " + label(p.value(), bytes, locale)))
                    .append("</title></rect>");
            if (i % labelEvery == 0) {
                double cx = x + bar / 2;
                s.append("<text x=\"")
                        .append(fmt(cx))
                        .append("\" y=\"")
                        .append(TOP + plotH + 16)
                        .append("\" text-anchor=\"middle\">")
                        .append(escape(PortalWeb.dayOfYear(p.day(), locale)))
                        .append("</text>");
            }
        }
        return s.append("</svg>").toString();
    }

    static String label(long value, boolean bytes, Locale locale) {
        if (!bytes) return NumberFormat.getIntegerInstance(locale).format(value);
        String[] units = {"B", "kB", "MB", "GB", "TB"};
        double v = value;
        int u = 0;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        NumberFormat f = NumberFormat.getNumberInstance(locale);
        f.setMaximumFractionDigits(v < 10 && u > 0 ? 1 : 0);
        return f.format(v) + " " + units[u];
    }

    private static String fmt(double d) {
        return String.format(Locale.ROOT, "%.1f", d);
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c < 0x20 ? ' ' : c);
            }
        }
        return out.toString();
    }
}
