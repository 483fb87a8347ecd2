using System.Globalization;
using System.Net;
using System.Runtime.InteropServices;
using System.Text;

namespace Adversa.Imaging;

/// <summary>
/// A self-contained HTML page: headings, tables and PNG figures as data: URIs, nothing from the network. A small
/// inline script counts the images that decoded and writes the count into the page (data-images-decoded on
/// body), which the browser test reads.
/// </summary>
internal sealed class HtmlReport
{
    private readonly StringBuilder _html = new();

    /// <summary>Starts a page titled <paramref name="title"/>.</summary>
    public HtmlReport(string title)
    {
        _html.Append("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>").Append(Encode(title)).Append("</title><style>")
            .Append("body{font-family:sans-serif;margin:2em;max-width:1200px}table{border-collapse:collapse;margin:0.5em 0}td,th{border:1px solid #ccc;padding:2px 8px;text-align:left}")
            .Append("img{max-width:100%;image-rendering:pixelated}figure{display:inline-block;margin:0.5em;text-align:center}.large{width:800px;max-width:100%}")
            .Append("</style></head><body><h1>").Append(Encode(title)).Append("</h1>");
    }

    /// <summary>A second-level heading.</summary>
    public HtmlReport Section(string title) => Raw("<h2>", title, "</h2>");

    /// <summary>A third-level heading.</summary>
    public HtmlReport Subsection(string title) => Raw("<h3>", title, "</h3>");

    /// <summary>A paragraph of plain text.</summary>
    public HtmlReport Paragraph(string text) => Raw("<p>", text, "</p>");

    /// <summary>The top-level entries of a JSON object as (name, value) rows for <see cref="Table"/>.</summary>
    public static IEnumerable<(string Key, string Value)> JsonEntries(string json) =>
        System.Text.Json.JsonDocument.Parse(json).RootElement.EnumerateObject().Select(p => (p.Name, p.Value.ToString())).ToList();

    /// <summary>A two-column table of names and values.</summary>
    public HtmlReport Table(IEnumerable<(string Key, string Value)> rows)
    {
        _html.Append("<table>");
        foreach (var (key, value) in rows)
            _html.Append("<tr><th>").Append(Encode(key)).Append("</th><td>").Append(Encode(value)).Append("</td></tr>");
        _html.Append("</table>");
        return this;
    }

    /// <summary>A table with a header row.</summary>
    public HtmlReport Grid(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        _html.Append("<table><tr>");
        foreach (var name in header)
            _html.Append("<th>").Append(Encode(name)).Append("</th>");
        _html.Append("</tr>");
        foreach (var row in rows)
        {
            _html.Append("<tr>");
            foreach (var field in row)
                _html.Append("<td>").Append(Encode(field)).Append("</td>");
            _html.Append("</tr>");
        }
        _html.Append("</table>");
        return this;
    }

    /// <summary>A PNG with a caption; <paramref name="large"/> draws it 800 pixels wide.</summary>
    public HtmlReport Figure(byte[] png, string caption, bool large = false)
    {
        _html.Append("<figure><img").Append(large ? " class=\"large\"" : "").Append(" alt=\"").Append(Encode(caption))
            .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(png))
            .Append("\"><figcaption>").Append(Encode(caption)).Append("</figcaption></figure>");
        return this;
    }

    /// <summary>Opens a block that keeps the following figures on one line where they fit.</summary>
    public HtmlReport BeginRow()
    {
        _html.Append("<div>");
        return this;
    }

    /// <summary>Closes <see cref="BeginRow"/>.</summary>
    public HtmlReport EndRow()
    {
        _html.Append("</div>");
        return this;
    }

    /// <summary>Versions, processors, threads and native settings: what a reader needs to compare timings.</summary>
    public HtmlReport Environment(string device) => Section("Environment").Table(
    [
        ("Adversa", typeof(HtmlReport).Assembly.GetName().Version?.ToString() ?? "?"),
        ("TorchSharp", typeof(TorchSharp.torch).Assembly.GetName().Version?.ToString() ?? "?"),
        (".NET", RuntimeInformation.FrameworkDescription),
        ("OS", RuntimeInformation.OSDescription),
        ("processors", System.Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)),
        ("libtorch threads", TorchSharp.torch.get_num_threads().ToString(CultureInfo.InvariantCulture)),
        ("device", device),
        ("oneDNN ISA cap", Runtime.NativeRuntimeSettings.EffectiveIsa ?? "none (oneDNN's own choice)"),
    ]);

    /// <summary>The finished page.</summary>
    public override string ToString() =>
        _html.ToString() + "<script>addEventListener('load',function(){var all=document.images,ok=0;for(var i=0;i<all.length;i++){if(all[i].complete&&all[i].naturalWidth>0)ok++;}" +
        "document.body.setAttribute('data-images-decoded',ok+'/'+all.length);});</script></body></html>";

    private HtmlReport Raw(string open, string text, string close)
    {
        _html.Append(open).Append(Encode(text)).Append(close);
        return this;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
