package dev.logdex.core.report;

import java.util.List;
import java.util.Locale;

/** HTML building blocks shared by the HTML reports: escaping, page frame, and bar charts drawn as inline SVG. */
final class Html {
  private Html() {}

  /** Escapes text for element content and attribute values: log text is attacker-controlled input. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> b.append("&amp;");
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> {
          if (c != '\n' && c != '\t' && dev.logdex.core.lex.ShownText.unsafe(c)) {
            // Shown as the text report shows it: a control character would make the document invalid, and a
            // bidirectional override would show the statement around it in another order.
            b.append(dev.logdex.core.lex.ShownText.escape(c));
          } else {
            b.append(c);
          }
        }
      }
    }
    return b.toString();
  }

  static String page(String title, String body) {
    return "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
        + "<title>" + esc(title) + "</title><style>" + CSS + "</style></head><body>\n"
        + "<header><h1>" + esc(title) + "</h1></header><main>\n" + body + "\n</main>"
        + "<script>" + SCRIPT + "</script></body></html>\n";
  }

  /** One labelled value per bar, longest first as given; the chart is SVG text, no script needed. */
  static String bars(String id, String title, List<String> labels, List<Double> values, String unit) {
    if (labels.isEmpty()) {
      return "";
    }
    double max = values.stream().mapToDouble(Double::doubleValue).max().orElse(1);
    int rowH = 22;
    int labelW = 340;
    int barW = 420;
    int h = labels.size() * rowH + 8;
    StringBuilder b = new StringBuilder();
    b.append("<figure class=\"chart\" id=\"").append(esc(id)).append("\"><figcaption>").append(esc(title))
        .append("</figcaption><svg role=\"img\" aria-label=\"").append(esc(title)).append("\" viewBox=\"0 0 ")
        .append(labelW + barW + 110).append(' ').append(h).append("\" width=\"100%\">");
    for (int i = 0; i < labels.size(); i++) {
      double v = values.get(i);
      int w = max <= 0 ? 0 : (int) Math.max(1, Math.round(barW * v / max));
      int y = 4 + i * rowH;
      String label = labels.get(i).length() > 46 ? labels.get(i).substring(0, 45) + "…" : labels.get(i);
      b.append("<text x=\"").append(labelW - 6).append("\" y=\"").append(y + 14)
          .append("\" text-anchor=\"end\" class=\"label\">").append(esc(label)).append("</text>");
      b.append("<rect class=\"bar\" x=\"").append(labelW).append("\" y=\"").append(y).append("\" width=\"").append(w)
          .append("\" height=\"").append(rowH - 6).append("\"><title>").append(esc(labels.get(i))).append(": ")
          .append(esc(fmt(v))).append(' ').append(esc(unit)).append("</title></rect>");
      b.append("<text x=\"").append(labelW + w + 6).append("\" y=\"").append(y + 14).append("\" class=\"value\">")
          .append(esc(fmt(v))).append(' ').append(esc(unit)).append("</text>");
    }
    return b.append("</svg></figure>\n").toString();
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, v >= 100 ? "%,.0f" : "%,.2f", v);
  }

  private static final String CSS = """
      :root{--fg:#1d2330;--muted:#5b6475;--line:#dde1e8;--accent:#2f6fde;--warn:#b26a00;--err:#b3261e;--info:#4a6a8a}
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--fg);margin:0;background:#fafbfc}
      header{background:#1d2330;color:#fff;padding:14px 24px}header h1{margin:0;font-size:20px}
      main{max-width:1100px;margin:0 auto;padding:16px 24px}
      h2{font-size:17px;border-bottom:1px solid var(--line);padding-bottom:4px;margin-top:28px}
      table{border-collapse:collapse;width:100%;background:#fff;margin:8px 0}
      th,td{border:1px solid var(--line);padding:5px 8px;text-align:left;vertical-align:top}
      th{background:#f1f3f7}td.num{text-align:right;font-variant-numeric:tabular-nums}
      code,pre{font:12px/1.4 ui-monospace,SFMono-Regular,Menlo,monospace}
      pre{background:#f4f6f9;border:1px solid var(--line);padding:8px;white-space:pre-wrap;word-break:break-word;margin:4px 0}
      .stats{display:flex;flex-wrap:wrap;gap:10px}.stat{background:#fff;border:1px solid var(--line);padding:8px 12px;min-width:130px}
      .stat b{display:block;font-size:18px}.stat span{color:var(--muted);font-size:12px}
      .chart{background:#fff;border:1px solid var(--line);margin:10px 0;padding:8px}.chart figcaption{font-weight:600;margin-bottom:4px}
      .chart .bar{fill:var(--accent)}.chart .label,.chart .value{font-size:12px;fill:var(--fg)}
      .chart .grid{stroke:var(--line)}.chart .axis{stroke:var(--muted)}.tick{font-size:11px;fill:var(--muted)}
      .chart .line{fill:none;stroke:var(--accent);stroke-width:1.5}.chart .dot{fill:var(--accent)}
      .chart .bucket:hover rect,.chart .dot:hover{opacity:.7}.hbar{fill:var(--accent)}
      .legend span{display:inline-block;margin-right:12px;font-size:12px}.legend i{display:inline-block;width:10px;height:10px;margin-right:4px}
      .sev-error{color:var(--err);font-weight:600}.sev-warning{color:var(--warn);font-weight:600}.sev-info{color:var(--info)}
      button.copy{float:right;font-size:12px;cursor:pointer}details{margin:4px 0}.muted{color:var(--muted)}.caveat{border-left:4px solid #d97706;padding:4px 10px;background:rgba(217,119,6,.08)}
      .rec{background:#fff;border:1px solid var(--line);padding:8px 12px;margin:10px 0}
      @media print{header{background:none;color:#000}button.copy{display:none}.rec,.chart{break-inside:avoid}}
      """;

  private static final String SCRIPT = """
      document.querySelectorAll('button.copy').forEach(function(b){b.addEventListener('click',function(){
        var t=document.getElementById(b.dataset.target).textContent;
        if(navigator.clipboard){navigator.clipboard.writeText(t).then(function(){b.textContent='Copied';});}});});
      document.documentElement.setAttribute('data-ready','yes');
      """;
}
