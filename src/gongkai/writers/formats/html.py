"""HTML: one self-contained page (inline CSS, print CSS for A4) with the tables as portals publish
them: merged cells as rowspan/colspan, header rows in <thead> so that they repeat when printed.
"""

from __future__ import annotations

from functools import cache

import jinja2
from markupsafe import Markup, escape

from gongkai.model.report import Report
from gongkai.writers.tables import Grid, GridCell
from gongkai.writers.view import DocumentView, Paragraph, build, signature_indents


def para(p: Paragraph) -> Markup:
    if p.kind == "subheading":
        return Markup('<p class="kai">{}</p>').format(p.text)
    if p.kind == "runin":
        return Markup('<p><span class="kai">{}</span>{}</p>').format(p.lead, p.text[len(p.lead):])
    return Markup("<p>{}</p>").format(p.text)


def _td(cell: GridCell) -> str:
    tag = "th" if cell.header else "td"
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if cell.role == "value":
        attrs += ' class="v"'
    elif cell.role == "group":
        attrs += ' class="g"'
    if cell.key:
        attrs += f' data-key="{cell.key}"'
    return f"<{tag}{attrs}>{escape(cell.text)}</{tag}>"


def grid(g: Grid) -> Markup:
    cols = "".join(f'<col style="width:{w * 100:.2f}%">' for w in g.widths)
    out = [f'<table class="{g.name}"><colgroup>{cols}</colgroup>']
    rows = ["<tr>" + "".join(_td(c) for c in row) + "</tr>" for row in g.rows]
    if g.header_rows:
        out.append("<thead>" + "".join(rows[: g.header_rows]) + "</thead>")
    out.append("<tbody>" + "".join(rows[g.header_rows:]) + "</tbody></table>")
    return Markup("\n".join(out))


@cache
def _template() -> jinja2.Template:
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("gongkai.writers", "templates"),
        autoescape=True,
        trim_blocks=False,
        keep_trailing_newline=True,
    )
    return env.get_template("report.html.j2")


def html(view: DocumentView) -> str:
    sig_pad, date_pad = signature_indents(view.signature, view.date)
    return _template().render(view=view, para=para, grid=grid, sig_pad=sig_pad, date_pad=date_pad)


class HtmlWriter:
    name = "html"
    extension = ".html"
    media_type = "text/html; charset=utf-8"

    def write(self, report: Report, *, force: bool = False) -> bytes:
        return html(build(report, force=force)).encode("utf-8")


WRITERS = [HtmlWriter()]
