"""The HTML report a records manager opens: one self-contained file (inline CSS, SVG charts, a few
lines of script to sort the table), no network, no values (only counts, levels, paths)."""

from __future__ import annotations

import time
from collections.abc import Iterable
from html import escape
from typing import Any

from redactor.sharescan.summary import Totals

LEVEL_COLOURS = {
    "RESTRICTED": "#b3261e",
    "CONFIDENTIAL": "#e8710a",
    "INTERNAL": "#f4b400",
    "PUBLIC": "#188038",
    "UNKNOWN": "#80868b",
}
BAR = "#3367d6"

CSS = """
body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;color:#202124;background:#f8f9fa}
header{background:#202124;color:#fff;padding:18px 32px}header h1{margin:0;font-size:22px}
header p{margin:4px 0 0;color:#bdc1c6}main{padding:20px 32px;max-width:1280px}
.cards{display:flex;flex-wrap:wrap;gap:12px;margin-bottom:20px}
.card{background:#fff;border:1px solid #dadce0;border-radius:8px;padding:12px 16px;min-width:130px}
.card b{display:block;font-size:24px}.card span{color:#5f6368;font-size:12px;text-transform:uppercase}
.grid{display:grid;grid-template-columns:repeat(auto-fit,minmax(380px,1fr));gap:16px;margin-bottom:20px}
section{background:#fff;border:1px solid #dadce0;border-radius:8px;padding:12px 16px}
h2{font-size:16px;margin:4px 0 10px}table{border-collapse:collapse;width:100%}
th,td{text-align:left;padding:5px 8px;border-bottom:1px solid #eee;vertical-align:top}
th{background:#f1f3f4;cursor:pointer;user-select:none;white-space:nowrap}th.num,td.num{text-align:right}
td.path{font-family:ui-monospace,Menlo,Consolas,monospace;font-size:12px;word-break:break-all}
.lv{display:inline-block;padding:1px 6px;border-radius:4px;color:#fff;font-size:11px;font-weight:600}
.note{color:#5f6368;font-size:12px}
"""

SCRIPT = """
document.querySelectorAll('table.sortable th').forEach(function(th, col){
  th.addEventListener('click', function(){
    var table = th.closest('table'), body = table.tBodies[0], rows = Array.from(body.rows);
    var asc = th.dataset.dir !== 'asc'; th.dataset.dir = asc ? 'asc' : 'desc';
    rows.sort(function(a, b){
      var x = a.cells[col].dataset.v || a.cells[col].textContent, y = b.cells[col].dataset.v || b.cells[col].textContent;
      var nx = parseFloat(x), ny = parseFloat(y);
      var c = (!isNaN(nx) && !isNaN(ny)) ? nx - ny : x.localeCompare(y);
      return asc ? c : -c;
    });
    rows.forEach(function(r){ body.appendChild(r); });
  });
});
"""

LEVEL_RANK = {"PUBLIC": 0, "INTERNAL": 1, "CONFIDENTIAL": 2, "RESTRICTED": 3}


def bar_chart(items: Iterable[tuple[str, int]], colours: dict[str, str] | None = None, width: int = 420) -> str:
    rows = [(label, value) for label, value in items if value]
    if not rows:
        return '<p class="note">nothing to show</p>'
    top = max(v for _, v in rows)
    line, label_w = 24, 150
    parts = [f'<svg role="img" width="{width}" height="{line * len(rows) + 4}" xmlns="http://www.w3.org/2000/svg">']
    for i, (label, value) in enumerate(rows):
        y = i * line + 2
        w = max(2, int((width - label_w - 70) * value / top))
        colour = (colours or {}).get(label, BAR)
        parts.append(
            f'<text x="{label_w - 6}" y="{y + 15}" text-anchor="end" font-size="12">{escape(label)}</text>'
            f'<rect x="{label_w}" y="{y + 3}" width="{w}" height="16" rx="3" fill="{colour}"/>'
            f'<text x="{label_w + w + 6}" y="{y + 15}" font-size="12">{value}</text>'
        )
    parts.append("</svg>")
    return "".join(parts)


def _card(label: str, value: Any) -> str:
    return f'<div class="card"><b>{escape(str(value))}</b><span>{escape(label)}</span></div>'


def _level(level: str | None) -> str:
    name = level or "UNKNOWN"
    return f'<span class="lv" style="background:{LEVEL_COLOURS.get(name, "#80868b")}">{escape(name)}</span>'


def _mb(n: int) -> str:
    return f"{n / 1e6:.1f} MB"


def render(totals: Totals, title: str = "Shared drive scan", elapsed: float = 0.0) -> str:
    levels = [(name, totals.levels.get(name, 0)) for name in ("RESTRICTED", "CONFIDENTIAL", "INTERNAL", "PUBLIC")]
    cards = "".join(
        [
            _card("files", totals.files),
            _card("scanned", totals.scanned),
            _card("size", _mb(totals.bytes)),
            _card("files with findings", totals.with_findings),
            _card("findings", totals.findings),
            _card("to quarantine", totals.actions.get("quarantine", 0)),
            _card("errors", totals.errors),
            _card("skipped", totals.skipped),
            _card("unchanged (cached)", totals.cached),
        ]
    )
    folders = "".join(
        f'<tr><td class="path">{escape(f)}</td><td class="num">{r}</td><td class="num">{n}</td>'
        f'<td class="num">{k}</td></tr>'
        for f, r, n, k in totals.top_folders()
    )
    files = "".join(_file_row(row) for row in totals.top_files())
    not_read = bar_chart(sorted(totals.reasons.items(), key=lambda x: -x[1]))
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{escape(title)}</title><style>{CSS}</style></head><body>
<header><h1>{escape(title)}</h1><p>{escape(totals.root)} &middot; {time.strftime("%Y-%m-%d %H:%M")}
{f" &middot; {elapsed:.0f} s" if elapsed else ""} &middot; values are never shown in this report</p></header>
<main>
<div class="cards">{cards}</div>
<div class="grid">
<section id="levels"><h2>Files by sensitivity level</h2>{bar_chart(levels, LEVEL_COLOURS)}</section>
<section id="types"><h2>Findings by entity type</h2>{bar_chart(totals.types.most_common(12))}</section>
<section id="roles"><h2>Findings by role</h2>{bar_chart(totals.roles.most_common(8))}</section>
<section id="unread"><h2>Files not read, by reason</h2>{not_read}</section>
</div>
<section id="folders"><h2>Top folders by risk</h2>
<table class="sortable"><thead><tr><th>folder</th><th class="num">risk</th><th class="num">files</th>
<th class="num">findings</th></tr></thead><tbody>{folders}</tbody></table></section>
<br>
<section id="files"><h2>Riskiest files</h2><p class="note">Click a column to sort. Risk adds weights for the
sensitivity level, the policy action and each finding (identifiers weigh more than names).</p>
<table class="sortable" id="riskiest"><thead><tr><th>file</th><th class="num">risk</th><th>level</th>
<th>action</th><th class="num">findings</th><th>types</th><th>categories</th></tr></thead>
<tbody>{files}</tbody></table></section>
</main><script>{SCRIPT}</script></body></html>
"""


def _file_row(row: dict[str, Any]) -> str:
    types = ", ".join(f"{t} {n}" for t, n in row["by_type"].items()) or escape(row.get("reason") or "")
    level = row["level"] if row["status"] == "ok" else None
    return (
        f'<tr><td class="path">{escape(row["file"])}</td><td class="num">{row["risk"]}</td>'
        f'<td data-v="{LEVEL_RANK.get(level or "", -1)}">{_level(level) if level else escape(row["status"])}</td>'
        f'<td>{escape(row["action"] or "")}</td><td class="num">{row["findings"]}</td><td>{escape(types)}</td>'
        f"<td>{escape(', '.join(row['categories']))}</td></tr>"
    )
