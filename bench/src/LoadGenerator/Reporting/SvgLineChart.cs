using System.Globalization;
using System.Security;
using System.Text;

namespace Transcendence.LoadGenerator.Reporting;

/// <summary>
/// A plain SVG line chart (series with optional min–max whiskers, an optional threshold line): enough to
/// show a curve, with no native drawing library to install.
/// </summary>
public static class SvgLineChart
{
    private const double Width = 760, Height = 420, Left = 70, Right = 180, Top = 40, Bottom = 50;
    private static readonly string[] Colors = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"];

    public static string Render(Chart chart)
    {
        var points = chart.Series.SelectMany(s => s.Points).ToArray();
        if (points.Length == 0)
        {
            return $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"60\"><text x=\"10\" y=\"30\">{Escape(chart.Title)}: no data</text></svg>";
        }

        double Fx(double x) => chart.LogX ? Math.Log10(Math.Max(x, 1e-9)) : x;
        var xMin = points.Min(p => Fx(p.X));
        var xMax = points.Max(p => Fx(p.X));
        if (xMax <= xMin)
        {
            xMax = xMin + 1;
        }

        var yMax = Math.Max(points.Max(p => p.High ?? p.Y), chart.Threshold?.Y ?? 0) * 1.1;
        if (yMax <= 0)
        {
            yMax = 1;
        }

        var plotWidth = Width - Left - Right;
        var plotHeight = Height - Top - Bottom;
        double X(double x) => Left + ((Fx(x) - xMin) / (xMax - xMin) * plotWidth);
        double Y(double y) => Top + plotHeight - (y / yMax * plotHeight);

        var svg = new StringBuilder();
        svg.Append(CultureInfo.InvariantCulture, $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{Width}\" height=\"{Height}\" font-family=\"sans-serif\" font-size=\"12\">");
        svg.Append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width / 2}\" y=\"22\" text-anchor=\"middle\" font-size=\"15\">{Escape(chart.Title)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top + plotHeight}\" x2=\"{Left + plotWidth}\" y2=\"{Top + plotHeight}\" stroke=\"black\"/>");
        svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Top}\" x2=\"{Left}\" y2=\"{Top + plotHeight}\" stroke=\"black\"/>");
        for (var i = 0; i <= 5; i++)
        {
            var y = yMax * i / 5;
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Y(y):0.#}\" x2=\"{Left + plotWidth}\" y2=\"{Y(y):0.#}\" stroke=\"#ddd\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left - 6}\" y=\"{Y(y) + 4:0.#}\" text-anchor=\"end\">{Measurement.Spread.Number(y)}</text>");
        }

        foreach (var x in points.Select(p => p.X).Distinct().Order())
        {
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{X(x):0.#}\" y=\"{Top + plotHeight + 18}\" text-anchor=\"middle\">{Measurement.Spread.Number(x)}</text>");
        }

        svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + (plotWidth / 2)}\" y=\"{Height - 10}\" text-anchor=\"middle\">{Escape(chart.XLabel)}</text>");
        svg.Append(CultureInfo.InvariantCulture, $"<text transform=\"translate(16 {Top + (plotHeight / 2)}) rotate(-90)\" text-anchor=\"middle\">{Escape(chart.YLabel)}</text>");

        if (chart.Threshold is { } threshold)
        {
            svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{Left}\" y1=\"{Y(threshold.Y):0.#}\" x2=\"{Left + plotWidth}\" y2=\"{Y(threshold.Y):0.#}\" stroke=\"#888\" stroke-dasharray=\"6 4\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Left + plotWidth - 4}\" y=\"{Y(threshold.Y) - 5:0.#}\" text-anchor=\"end\" fill=\"#555\">{Escape(threshold.Label)}</text>");
        }

        for (var s = 0; s < chart.Series.Count; s++)
        {
            var series = chart.Series[s];
            var color = Colors[s % Colors.Length];
            var ordered = series.Points.OrderBy(p => p.X).ToArray();
            var path = string.Join(' ', ordered.Select(p => string.Create(CultureInfo.InvariantCulture, $"{X(p.X):0.#},{Y(p.Y):0.#}")));
            svg.Append(CultureInfo.InvariantCulture, $"<polyline fill=\"none\" stroke=\"{color}\" stroke-width=\"2\" points=\"{path}\"/>");
            foreach (var p in ordered)
            {
                if (p.Low is { } low && p.High is { } high)
                {
                    svg.Append(CultureInfo.InvariantCulture, $"<line x1=\"{X(p.X):0.#}\" y1=\"{Y(low):0.#}\" x2=\"{X(p.X):0.#}\" y2=\"{Y(high):0.#}\" stroke=\"{color}\"/>");
                }

                svg.Append(CultureInfo.InvariantCulture, $"<circle cx=\"{X(p.X):0.#}\" cy=\"{Y(p.Y):0.#}\" r=\"3\" fill=\"{color}\"/>");
            }

            var legendY = Top + 10 + (s * 20);
            svg.Append(CultureInfo.InvariantCulture, $"<rect x=\"{Width - Right + 15}\" y=\"{legendY - 9}\" width=\"12\" height=\"12\" fill=\"{color}\"/>");
            svg.Append(CultureInfo.InvariantCulture, $"<text x=\"{Width - Right + 32}\" y=\"{legendY + 1}\">{Escape(series.Name)}</text>");
        }

        svg.Append("</svg>");
        return svg.ToString();
    }

    private static string Escape(string text) => SecurityElement.Escape(text) ?? string.Empty;
}
