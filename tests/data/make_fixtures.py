"""Build the DOCX and PDF reader fixtures with programs other than gongkai.

The readers must be tested on documents that our own writers did not produce, so this script
drives LibreOffice (HTML → DOCX → PDF / DOC), python-docx (explicit gridSpan/vMerge merges, a
nested table, list numbering), pdftoppm + Pillow (an image-only "scanned" PDF) and qpdf (a
password-protected PDF). All numbers are non-zero where they can be, and different from one
another, so that a misplaced cell cannot pass unnoticed.

Run (not part of the test suite; needs ``soffice``, ``pdftoppm`` and ``qpdf`` on PATH):

    .venv/bin/python tests/data/make_fixtures.py

Writes, next to this file:
    docx/lo-2021.docx            LibreOffice from HTML with rowspan/colspan (official 2021 shapes)
    docx/lo-2021-split.docx      the same, section 三's table split into two Word tables, the
                                 second repeating the first header row
    docx/lo-2021.doc             LibreOffice's Word 97 export of lo-2021.docx (legacy reader;
                                 expected values are those of lo-2021.expected.json)
    docx/pydocx-merges.docx      python-docx: merges via gridSpan/vMerge, nested table, numbering
    pdf/lo-2021.pdf              LibreOffice's PDF export of lo-2021.docx (tables over page breaks)
    pdf/scanned.pdf              pages of lo-2021.pdf rasterized and rebuilt as images only
    pdf/encrypted.pdf            lo-2021.pdf encrypted with user password "secret"
    <name>.expected.json         the values a perfect reader extracts (contract keys)
"""

from __future__ import annotations

import json
import random
import shutil
import subprocess
import tempfile
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
DOCX_DIR = HERE / "docx"
PDF_DIR = HERE / "pdf"

REQ_COLS = ["natural_person", "enterprise", "research", "social_org", "legal_service", "other_org", "total"]
OUTCOMES = [
    ("granted", None, "（一）予以公开"),
    ("partial", None, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）"),
    ("withheld_secret", "（三）不予公开", "1.属于国家秘密"),
    ("withheld_law", "（三）不予公开", "2.其他法律行政法规禁止公开"),
    ("withheld_safety", "（三）不予公开", "3.危及“三安全一稳定”"),
    ("withheld_third_party", "（三）不予公开", "4.保护第三方合法权益"),
    ("withheld_internal", "（三）不予公开", "5.属于三类内部事务信息"),
    ("withheld_process", "（三）不予公开", "6.属于四类过程性信息"),
    ("withheld_enforcement", "（三）不予公开", "7.属于行政执法案卷"),
    ("withheld_query", "（三）不予公开", "8.属于行政查询事项"),
    ("unavailable_not_held", "（四）无法提供", "1.本机关不掌握相关政府信息"),
    ("unavailable_needs_creation", "（四）无法提供", "2.没有现成信息需要另行制作"),
    ("unavailable_unclear", "（四）无法提供", "3.补正后申请内容仍不明确"),
    ("not_handled_petition", "（五）不予处理", "1.信访举报投诉类申请"),
    ("not_handled_repeat", "（五）不予处理", "2.重复申请"),
    ("not_handled_publication", "（五）不予处理", "3.要求提供公开出版物"),
    ("not_handled_excessive", "（五）不予处理", "4.无正当理由大量反复申请"),
    ("not_handled_confirmation", "（五）不予处理", "5.要求行政机关确认或重新出具已获取信息"),
    ("other_no_correction", "（六）其他处理",
     "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
    ("other_no_fee", "（六）其他处理", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
    ("other_misc", "（六）其他处理", "3.其他"),
]
APPEAL_COLS = ["upheld", "corrected", "other", "pending", "total"]
APPEAL_LABELS = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
NOTE = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
APPLICANTS = ["商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他"]


def make_values(seed: int) -> dict[str, Any]:
    """A 2021-template report whose arithmetic balances, with varied non-zero numbers."""
    rnd = random.Random(seed)
    requests: dict[str, dict[str, int]] = {}
    scale = [60, 9, 3, 2, 5, 4]
    for key, _, _ in OUTCOMES:
        row = [rnd.randint(1, s) if rnd.random() < 0.8 else 0 for s in scale]
        row[0] = rnd.randint(11, 400) if key in ("granted", "unavailable_not_held") else row[0]
        requests[key] = dict(zip(REQ_COLS, [*row, sum(row)], strict=True))
    total = [sum(requests[k][c] for k, _, _ in OUTCOMES) for c in REQ_COLS[:6]]
    carried_over = [rnd.randint(1, 30), rnd.randint(1, 5), 0, 1, rnd.randint(1, 3), 2]
    carried_forward = [rnd.randint(1, 40), rnd.randint(1, 6), 1, 0, rnd.randint(1, 4), 1]
    received = [t + f - o for t, f, o in zip(total, carried_forward, carried_over, strict=True)]
    for key, row in (("received", received), ("carried_over", carried_over), ("total", total),
                     ("carried_forward", carried_forward)):
        requests[key] = dict(zip(REQ_COLS, [*row, sum(row)], strict=True))
    order = ["received", "carried_over", *(k for k, _, _ in OUTCOMES), "total", "carried_forward"]
    appeals = {}
    for group in ("review", "suit_direct", "suit_after_review"):
        four = [rnd.randint(1, 19) for _ in range(4)]
        appeals[group] = dict(zip(APPEAL_COLS, [*four, sum(four)], strict=True))
    active = {
        "rules": {"issued": rnd.randint(1, 9), "repealed": rnd.randint(1, 9), "in_force": rnd.randint(20, 90)},
        "normative_documents": {"issued": rnd.randint(10, 99), "repealed": rnd.randint(1, 30),
                                "in_force": rnd.randint(100, 900)},
        "licensing": {"decisions": rnd.randint(10000, 999999)},
        "punishment": {"decisions": rnd.randint(1000, 99999)},
        "coercion": {"decisions": rnd.randint(100, 9999)},
        "fees": {"amount": round(rnd.randint(100, 999999) / 100, 2)},
    }
    return {"active": active, "requests": {k: requests[k] for k in order}, "appeals": appeals}


NARRATIVE = [
    "本报告由{agency}根据《中华人民共和国政府信息公开条例》（以下简称《条例》）规定编制。"
    "本报告中所列数据的统计期限自2023年1月1日起至2023年12月31日止。如对本报告有疑问，请与{agency}联系。",
    "2023年，{agency}坚持以人民为中心的发展思想，认真贯彻落实《条例》和上级关于政务公开工作的部署要求，"
    "进一步完善政务公开工作机制，强化政策解读和回应关切，政府信息公开工作取得新的进展。" * 3,
    "（一）主动公开情况。全年通过政府门户网站主动公开政府信息2156条，其中政策文件138条、工作动态1745条、"
    "人事信息273条。围绕优化营商环境、保障改善民生等重点领域，发布政策解读材料64篇。" * 2,
    "（二）依申请公开情况。全年共收到政府信息公开申请{received}件，上年结转{carried}件，"
    "均在法定期限内予以答复，另有{forward}件结转下年度继续办理。" * 2,
    "（三）政府信息管理情况。严格落实公开前保密审查制度，动态调整主动公开基本目录，"
    "对现行有效的规范性文件进行全面清理。" * 3,
    "（四）政府信息公开平台建设情况。持续优化政府网站栏目设置，完善政务新媒体管理机制。" * 3,
    "（五）监督保障情况。将政务公开工作纳入年度绩效考核，组织业务培训3次，开展网站栏目检查4次。" * 3,
]


def narrative(values: dict[str, Any], agency: str) -> list[str]:
    r = values["requests"]
    return [p.format(agency=agency, received=r["received"]["total"], carried=r["carried_over"]["total"],
                     forward=r["carried_forward"]["total"]) for p in NARRATIVE]


# -- HTML with the official table shapes (LibreOffice imports rowspan/colspan as merged cells) ----
def _td(text: Any, rowspan: int = 1, colspan: int = 1) -> str:
    attrs = (f' rowspan="{rowspan}"' if rowspan > 1 else "") + (f' colspan="{colspan}"' if colspan > 1 else "")
    return f"<td{attrs}>{text}</td>"


def _num(v: Any) -> str:
    return f"{v:.2f}".rstrip("0").rstrip(".") if isinstance(v, float) else str(v)


def table_active(a: dict[str, Any]) -> str:
    rows = [
        _td("第二十条第（一）项", colspan=4),
        _td("信息内容") + _td("本年制发件数") + _td("本年废止件数") + _td("现行有效件数"),
    ]
    for key, label in (("rules", "规章"), ("normative_documents", "行政规范性文件")):
        rows.append(_td(label) + "".join(_td(_num(a[key][c])) for c in ("issued", "repealed", "in_force")))
    for article, header, items in (
        ("第二十条第（五）项", "本年处理决定数量", [("licensing", "行政许可", "decisions")]),
        ("第二十条第（六）项", "本年处理决定数量", [("punishment", "行政处罚", "decisions"),
                                                  ("coercion", "行政强制", "decisions")]),
        ("第二十条第（八）项", "本年收费金额（单位：万元）", [("fees", "行政事业性收费", "amount")]),
    ):
        rows.append(_td(article, colspan=4))
        rows.append(_td("信息内容") + _td(header, colspan=3))
        for key, label, col in items:
            rows.append(_td(label) + _td(_num(a[key][col]), colspan=3))
    return _table(rows)


def requests_rows(r: dict[str, Any]) -> tuple[list[str], list[str]]:
    """(header rows, body rows) of the section 三 table, as the 2021 template draws it."""
    header = [
        _td(NOTE, rowspan=3, colspan=3) + _td("申请人情况", colspan=7),
        _td("自然人", rowspan=2) + _td("法人或其他组织", colspan=5) + _td("总计", rowspan=2),
        "".join(_td(x) for x in APPLICANTS),
    ]

    def vals(key: str) -> str:
        return "".join(_td(r[key][c]) for c in REQ_COLS)

    body = [_td("一、本年新收政府信息公开申请数量", colspan=3) + vals("received"),
            _td("二、上年结转政府信息公开申请数量", colspan=3) + vals("carried_over")]
    seen: set[str] = set()
    for i, (key, group, label) in enumerate(OUTCOMES):
        lead = _td("三、本年度办理结果", rowspan=22) if i == 0 else ""
        if group is None:
            body.append(lead + _td(label, colspan=2) + vals(key))
        else:
            span = sum(1 for _, g, _ in OUTCOMES if g == group)
            first = _td(group, rowspan=span) if group not in seen else ""
            seen.add(group)
            body.append(lead + first + _td(label) + vals(key))
    body.append(_td("（七）总计", colspan=2) + vals("total"))
    body.append(_td("四、结转下年度继续办理", colspan=3) + vals("carried_forward"))
    return header, body


def table_appeals(a: dict[str, Any]) -> str:
    rows = [
        _td("行政复议", colspan=5) + _td("行政诉讼", colspan=10),
        "".join(_td(x, rowspan=2) for x in APPEAL_LABELS) + _td("未经复议直接起诉", colspan=5)
        + _td("复议后起诉", colspan=5),
        "".join(_td(x) for x in APPEAL_LABELS * 2),
        "".join(_td(a[g][c]) for g in ("review", "suit_direct", "suit_after_review") for c in APPEAL_COLS),
    ]
    return _table(rows)


def _table(rows: list[str], head: int = 0) -> str:
    thead = "<thead>" + "".join(f"<tr>{r}</tr>" for r in rows[:head]) + "</thead>" if head else ""
    tbody = "".join(f"<tr>{r}</tr>" for r in rows[head:])
    return f'<table border="1" cellspacing="0" cellpadding="2" width="100%">{thead}<tbody>{tbody}</tbody></table>'


def report_html(values: dict[str, Any], agency: str, *, split: bool = False) -> str:
    paras = narrative(values, agency)
    header, body = requests_rows(values["requests"])
    if split:  # two tables: the second repeats the first header row, as people do by copy-paste
        t3 = _table(header + body[:12], head=3) + "<p></p>" + _table([header[0], *body[12:]])
    else:
        t3 = _table(header + body, head=3)
    parts = [
        f'<p align="center"><b>{agency}</b></p>',
        '<h1 align="center">2023年政府信息公开工作年度报告</h1>',
        f"<p>{paras[0]}</p>",
        "<h2>一、总体情况</h2>",
        *(f"<p>{p}</p>" for p in paras[1:]),
        "<h2>二、主动公开政府信息情况</h2>", table_active(values["active"]),
        "<h2>三、收到和处理政府信息公开申请情况</h2>", t3,
        "<h2>四、政府信息公开行政复议、行政诉讼情况</h2>", table_appeals(values["appeals"]),
        "<h2>五、存在的主要问题及改进情况</h2>",
        "<p>一是政策解读形式还不够丰富；二是依申请公开答复质量有待提升。下一步将加强培训，规范答复文书。</p>",
        "<h2>六、其他需要报告的事项</h2>",
        "<p>本年度未收取信息处理费。人大代表建议和政协提案办理结果已按要求公开。</p>",
        f'<p align="right">{agency}</p>', '<p align="right">2024年1月20日</p>',
    ]
    return ('<!DOCTYPE html><html><head><meta charset="utf-8"><title>2023年政府信息公开工作年度报告</title>'
            "</head><body>" + "".join(parts) + "</body></html>")


# -- external programs --------------------------------------------------------------------------
def soffice(src: Path, target: str, outdir: Path, infilter: str | None = None) -> Path:
    with tempfile.TemporaryDirectory() as profile:
        cmd = ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", "--norestore"]
        if infilter:
            cmd.append(f"--infilter={infilter}")
        cmd += ["--convert-to", target, "--outdir", str(outdir), str(src)]
        subprocess.run(cmd, check=True, capture_output=True, timeout=180)
    out = outdir / f"{src.stem}.{target.split(':')[0]}"
    if not out.exists():
        raise SystemExit(f"soffice did not write {out}")
    return out


def html_to_docx(html: str, name: str, tmp: Path) -> Path:
    src = tmp / f"{name}.html"
    src.write_text(html, encoding="utf-8")
    built = soffice(src, "docx:MS Word 2007 XML", tmp, infilter="HTML (StarWriter)")
    dest = DOCX_DIR / f"{name}.docx"
    shutil.copyfile(built, dest)
    return dest


def pydocx_fixture(values: dict[str, Any], agency: str) -> Path:
    """Tables merged cell by cell with python-docx (w:gridSpan / w:vMerge), plus a nested table."""
    import docx  # python-docx

    d = docx.Document()
    d.add_paragraph(agency)
    d.add_heading("2023年政府信息公开工作年度报告", 0)
    paras = narrative(values, agency)
    d.add_paragraph(paras[0])
    d.add_heading("一、总体情况", 1)
    for text in paras[1:3]:
        d.add_paragraph(text)
    d.add_paragraph("完善公开目录", style="List Number")
    d.add_paragraph("强化政策解读", style="List Number")
    d.add_heading("二、主动公开政府信息情况", 1)
    a = values["active"]
    t2 = d.add_table(rows=14, cols=4)
    t2.style = "Table Grid"
    layout: list[list[str]] = [
        ["第二十条第（一）项"], ["信息内容", "本年制发件数", "本年废止件数", "现行有效件数"],
        ["规章", *(_num(a["rules"][c]) for c in ("issued", "repealed", "in_force"))],
        ["行政规范性文件", *(_num(a["normative_documents"][c]) for c in ("issued", "repealed", "in_force"))],
        ["第二十条第（五）项"], ["信息内容", "本年处理决定数量"], ["行政许可", _num(a["licensing"]["decisions"])],
        ["第二十条第（六）项"], ["信息内容", "本年处理决定数量"], ["行政处罚", _num(a["punishment"]["decisions"])],
        ["行政强制", _num(a["coercion"]["decisions"])],
        ["第二十条第（八）项"], ["信息内容", "本年收费金额（单位：万元）"], ["行政事业性收费", _num(a["fees"]["amount"])],
    ]
    for i, cells in enumerate(layout):
        row = t2.rows[i].cells
        if len(cells) == 1:
            row[0].merge(row[3]).text = cells[0]
        elif len(cells) == 2:
            row[0].text = cells[0]
            row[1].merge(row[3]).text = cells[1]
        else:
            for j, text in enumerate(cells):
                row[j].text = text
    d.add_heading("三、收到和处理政府信息公开申请情况", 1)
    r = values["requests"]
    t3 = d.add_table(rows=3 + 25, cols=10)
    t3.style = "Table Grid"
    c = t3.cell
    c(0, 0).merge(c(2, 2)).text = NOTE
    c(0, 3).merge(c(0, 9)).text = "申请人情况"
    c(1, 3).merge(c(2, 3)).text = "自然人"
    c(1, 4).merge(c(1, 8)).text = "法人或其他组织"
    c(1, 9).merge(c(2, 9)).text = "总计"
    for j, text in enumerate(APPLICANTS):
        c(2, 4 + j).text = text
    rows = ["received", "carried_over", *(k for k, _, _ in OUTCOMES), "total", "carried_forward"]
    labels = {k: lab for k, _, lab in OUTCOMES}
    labels |= {"received": "一、本年新收政府信息公开申请数量", "carried_over": "二、上年结转政府信息公开申请数量",
               "total": "（七）总计", "carried_forward": "四、结转下年度继续办理"}
    c(5, 0).merge(c(26, 0)).text = "三、本年度办理结果"
    group_start: dict[str, int] = {}
    for i, key in enumerate(rows):
        ri = 3 + i
        group = next((g for k, g, _ in OUTCOMES if k == key), None)
        if key in ("received", "carried_over", "carried_forward"):
            c(ri, 0).merge(c(ri, 2)).text = labels[key]
        elif group is None:
            c(ri, 1).merge(c(ri, 2)).text = labels[key]
        else:
            group_start.setdefault(group, ri)
            c(ri, 2).text = labels[key]
        for j, col in enumerate(REQ_COLS):
            c(ri, 3 + j).text = str(r[key][col])
    for group, start in group_start.items():
        span = sum(1 for _, g, _ in OUTCOMES if g == group)
        c(start, 1).merge(c(start + span - 1, 1)).text = group
    d.add_heading("四、政府信息公开行政复议、行政诉讼情况", 1)
    ap = values["appeals"]
    t4 = d.add_table(rows=4, cols=15)
    t4.style = "Table Grid"
    c = t4.cell
    c(0, 0).merge(c(0, 4)).text = "行政复议"
    c(0, 5).merge(c(0, 14)).text = "行政诉讼"
    for j, text in enumerate(APPEAL_LABELS):
        c(1, j).merge(c(2, j)).text = text
        c(2, 5 + j).text = text
        c(2, 10 + j).text = text
    c(1, 5).merge(c(1, 9)).text = "未经复议直接起诉"
    c(1, 10).merge(c(1, 14)).text = "复议后起诉"
    for j, (g, col) in enumerate((g, col) for g in ("review", "suit_direct", "suit_after_review") for col in APPEAL_COLS):
        c(3, j).text = str(ap[g][col])
    d.add_heading("五、存在的主要问题及改进情况", 1)
    d.add_paragraph("一是政策解读形式还不够丰富；二是依申请公开答复质量有待提升。")
    d.add_heading("六、其他需要报告的事项", 1)
    outer = d.add_table(rows=1, cols=2)
    outer.style = "Table Grid"
    outer.cell(0, 0).text = "附：联系方式"
    inner = outer.cell(0, 1).add_table(rows=2, cols=2)
    for i, (k, v) in enumerate((("电话", "0512-12345678"), ("邮编", "215000"))):
        inner.cell(i, 0).text = k
        inner.cell(i, 1).text = v
    d.add_paragraph("本年度未收取信息处理费。")
    d.add_paragraph(agency)
    d.add_paragraph("2024年1月20日")
    dest = DOCX_DIR / "pydocx-merges.docx"
    d.save(str(dest))
    return dest


def scanned_pdf(src: Path, tmp: Path) -> Path:
    """Rasterize two pages and rebuild a PDF holding only the images (no text layer)."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "60", "-gray", "-png", "-f", "1", "-l", "2", str(src), str(tmp / "page")],
                   check=True, timeout=120)
    images = [Image.open(p).convert("L") for p in sorted(tmp.glob("page*.png"))]
    dest = PDF_DIR / "scanned.pdf"
    images[0].save(dest, "PDF", resolution=60.0, save_all=True, append_images=images[1:])
    return dest


def write_expected(name: Path, values: dict[str, Any], agency: str, note: str) -> None:
    expected = {"agency": agency, "year": 2023, "template": "2021", "published_on": "2024-01-20",
                "period": {"start": "2023-01-01", "end": "2023-12-31"}, "tables": values, "notes": note}
    name.with_suffix(".expected.json").write_text(json.dumps(expected, ensure_ascii=False, indent=1) + "\n",
                                                  encoding="utf-8")


def main() -> None:
    DOCX_DIR.mkdir(exist_ok=True)
    PDF_DIR.mkdir(exist_ok=True)
    agency = "示例县人民政府办公室"
    values = make_values(2023)
    with tempfile.TemporaryDirectory() as t:
        tmp = Path(t)
        lo = html_to_docx(report_html(values, agency), "lo-2021", tmp)
        write_expected(lo, values, agency, "LibreOffice 7 import of an HTML page with rowspan/colspan tables.")
        split = html_to_docx(report_html(values, agency, split=True), "lo-2021-split", tmp)
        write_expected(split, values, agency, "Section 三's table split into two Word tables after 12 body rows; "
                       "the second table repeats the first header row (申请人情况).")
        doc = soffice(lo, "doc:MS Word 97", tmp)
        shutil.copyfile(doc, DOCX_DIR / "lo-2021.doc")
        pdf = soffice(lo, "pdf:writer_pdf_Export", tmp)
        shutil.copyfile(pdf, PDF_DIR / "lo-2021.pdf")
        write_expected(PDF_DIR / "lo-2021.pdf", values, agency,
                       "LibreOffice's PDF of lo-2021.docx; section 三's table runs over a page break with "
                       "its three header rows repeated on the next page.")
        scanned_pdf(PDF_DIR / "lo-2021.pdf", tmp)
        subprocess.run(["qpdf", "--encrypt", "secret", "owner", "256", "--", str(PDF_DIR / "lo-2021.pdf"),
                        str(PDF_DIR / "encrypted.pdf")], check=True, timeout=60)
    other = make_values(2024)
    py = pydocx_fixture(other, "示例市生态环境局")
    write_expected(py, other, "示例市生态环境局", "python-docx: merges by gridSpan/vMerge, a nested table in "
                   "section 六, List Number paragraphs.")
    print("fixtures written to", DOCX_DIR, "and", PDF_DIR)


if __name__ == "__main__":
    main()
