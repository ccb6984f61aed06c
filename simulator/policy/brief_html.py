"""A policy brief's Markdown as one self-contained HTML page (the plots embedded as PNG data).

Each ``##`` section becomes a ``<section>``; the first (the summary, in every brief) has the class
``summary``. The print styles (``@media print``) put that summary on one A4 page (compact type and
margins, plots at most a third of the page high) with a page break right after it, keep table
rows, plots and headings with what follows them from splitting across pages, print black on
white and show the address of every link.
"""

from __future__ import annotations

import base64
import html
import re
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from simulator.policy.brief import Brief

_CSS = """
body{font-family:system-ui,-apple-system,'Segoe UI',Roboto,sans-serif;max-width:60rem;margin:2rem auto;
padding:0 1rem;line-height:1.5;color:#1d1d1f}
h1{font-size:1.6rem;border-bottom:2px solid #1b6ca8;padding-bottom:.3rem}h2{font-size:1.25rem;margin-top:2rem}
table{border-collapse:collapse;margin:1rem 0;font-size:.9rem}th,td{border:1px solid #ccc;padding:.3rem .5rem;
text-align:left}th{background:#eef3f8}img{max-width:100%;margin:.5rem 0}code,pre{background:#f4f4f4}
pre{padding:.6rem;overflow-x:auto}em{color:#555}a{color:#1b6ca8}
@page{size:A4;margin:12mm 14mm}
@media print{
body{max-width:none;margin:0;padding:0;font-size:9.5pt;line-height:1.3;color:#000}
*{background:transparent!important;color:#000!important;box-shadow:none!important;text-shadow:none!important}
h1{font-size:14pt;margin:0 0 4pt;border-bottom:1px solid #000}h2{font-size:12pt;margin:10pt 0 4pt}
h3{font-size:10.5pt;margin:8pt 0 3pt}p,ul{margin:3pt 0}li{margin:1pt 0}
h1,h2,h3{break-after:avoid;page-break-after:avoid}
section.summary{break-after:page;page-break-after:always}
section.summary img{max-height:90mm}
img{max-height:120mm;max-width:100%;width:auto;break-inside:avoid;page-break-inside:avoid}
table{font-size:8pt;margin:4pt 0;width:100%}th,td{padding:1.5pt 3pt;border:.5pt solid #777}
thead{display:table-header-group}tr,img,pre{break-inside:avoid;page-break-inside:avoid}
pre,code{border:.5pt solid #999;white-space:pre-wrap}
a{text-decoration:underline}a[href^="http"]::after{content:" (" attr(href) ")";font-size:80%}
}
"""


def _inline(text: str) -> str:
    s = html.escape(text, quote=False)
    s = re.sub(r"`([^`]+)`", r"<code>\1</code>", s)
    s = re.sub(r"\*\*(.+?)\*\*", r"<strong>\1</strong>", s)
    s = re.sub(r"(?<![\w*])\*(?!\s)(.+?)(?<!\s)\*(?![\w*])", r"<em>\1</em>", s)
    s = re.sub(r"(?<!!)\[([^\]]+)\]\(((?:https?://|mailto:)[^)\s]+)\)", r'<a href="\2">\1</a>', s)
    return s


def _img(alt: str, src: str, base: Path) -> str:
    path = base / src
    if path.is_file():
        data = base64.b64encode(path.read_bytes()).decode("ascii")
        src = f"data:image/png;base64,{data}"
    return f'<img alt="{html.escape(alt)}" src="{src}">'


def to_html(brief: Brief, base: Path) -> str:
    """Render the brief's Markdown (the subset the briefs use) as one self-contained HTML page.

    Args:
        brief: The brief.
        base: Folder the image paths are relative to; images found there are embedded.

    Returns:
        The HTML text.
    """
    out: list[str] = []
    lines = brief.markdown.splitlines()
    i = 0
    list_depth = 0
    sections = 0

    def close_lists(to: int = 0) -> None:
        nonlocal list_depth
        while list_depth > to:
            out.append("</ul>")
            list_depth -= 1

    while i < len(lines):
        line = lines[i]
        m_img = re.fullmatch(r"!\[([^\]]*)\]\(([^)]+)\)", line.strip())
        if line.startswith("```"):
            close_lists()
            j = i + 1
            block = []
            while j < len(lines) and not lines[j].startswith("```"):
                block.append(lines[j])
                j += 1
            out.append("<pre><code>" + html.escape("\n".join(block)) + "</code></pre>")
            i = j + 1
            continue
        if m_img:
            close_lists()
            out.append(f"<p>{_img(m_img.group(1), m_img.group(2), base)}</p>")
        elif line.startswith("#"):
            close_lists()
            level = len(line) - len(line.lstrip("#"))
            if level == 2:
                out.append(
                    ("</section>\n" if sections else "")
                    + ('<section class="summary">' if not sections else "<section>")
                )
                sections += 1
            out.append(f"<h{level}>{_inline(line[level:].strip())}</h{level}>")
        elif line.startswith("|"):
            close_lists()
            rows = []
            while i < len(lines) and lines[i].startswith("|"):
                rows.append([c.strip() for c in lines[i].strip().strip("|").split(" | ")])
                i += 1
            out.append("<table><thead><tr>" + "".join(f"<th>{_inline(c)}</th>" for c in rows[0]) + "</tr></thead>")
            out.append(
                "<tbody>"
                + "".join("<tr>" + "".join(f"<td>{_inline(c)}</td>" for c in r) + "</tr>" for r in rows[2:])
                + "</tbody></table>"
            )
            continue
        elif re.match(r"^( *)- ", line):
            depth = (len(line) - len(line.lstrip(" "))) // 2 + 1
            while list_depth < depth:
                out.append("<ul>")
                list_depth += 1
            close_lists(depth)
            out.append(f"<li>{_inline(line.strip()[2:])}</li>")
        elif not line.strip():
            close_lists()
        else:
            close_lists()
            para = [line]
            while i + 1 < len(lines) and lines[i + 1].strip() and not re.match(r"^(#|\||!\[| *- |```)", lines[i + 1]):
                i += 1
                para.append(lines[i])
            out.append(f"<p>{_inline(' '.join(para))}</p>")
        i += 1
    close_lists()
    if sections:
        out.append("</section>")
    body = "\n".join(out)
    return (
        f'<!DOCTYPE html>\n<html lang="{brief.lang}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{html.escape(brief.title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n{body}\n</body>\n</html>\n"
    )


__all__ = ["to_html"]
