"""台账 import (.xlsx/.csv): good rows all in, any bad row nothing in; template and exports."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from gongkai.errors import ImportRejected, PermissionDenied, Unreadable
from gongkai.ledger import (
    ApplicantType,
    Channel,
    Outcome,
    Request,
    RequestStatus,
    annual_report_tables,
    export_ledger,
    export_tables,
    import_ledger,
    write_template,
)
from gongkai.ledger.layout import COLUMNS, parse_choice, parse_date

from .conftest import Region
from .helpers import TODAY

HEADERS = [c.header for c in COLUMNS]


def xlsx(path: Path, rows: list[list[object]], headers: list[str] = HEADERS) -> Path:
    book = Workbook()
    sheet = book.active
    sheet.title = "台账"
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    book.save(path)
    return path


GOOD = [
    ["", "示范县教育局", date(2025, 3, 3), "自然人", "张三", "13800000000", "", "网络", "申请公开招生计划",
     "予以公开", date(2025, 3, 20), date(2025, 3, 21), ""],
    ["J-2", "示范县教育局", "2025/4/1", "商业企业", "某公司", "", "91110000X", "信函", "申请公开采购合同",
     "不予公开：保护第三方合法权益", "2025年4月25日", None, "征求了第三方意见"],
    ["", "城关镇人民政府", datetime(2025, 12, 20), "律师事务所".replace("律师事务所", "法律服务机构"), "某律所", "",
     "", "当面", "申请公开征收补偿方案", None, None, None, ""],
    ["", "示范县教育局", 45658, "其他", "某协会", "", "", "电子邮件", "申请公开2024年决算", "部分公开",
     date(2025, 1, 10), None, ""],  # 45658 = 2025-01-01 as an Excel serial
]


def count(session: Session) -> int:
    return session.scalar(select(func.count(Request.id))) or 0


def test_good_file_imports_everything(session: Session, region: Region, tmp_path: Path) -> None:
    n = import_ledger(session=session, actor=region.supervisor, path=xlsx(tmp_path / "a.xlsx", GOOD), today=TODAY)
    session.commit()
    assert n == 4 and count(session) == 4
    rows = {r.applicant_name: r for r in session.scalars(select(Request))}
    a, b, c, d = rows["张三"], rows["某公司"], rows["某律所"], rows["某协会"]
    assert (a.status, a.outcome, a.replied_on, a.number) == (RequestStatus.CLOSED, Outcome.GRANTED,
                                                             date(2025, 3, 21), "2025-0001")
    assert (b.status, b.outcome, b.number, b.id_number) == (RequestStatus.DECIDED, Outcome.WITHHELD_THIRD_PARTY,
                                                            "J-2", "91110000X")
    assert (c.status, c.agency_id, c.applicant_type, c.channel) == (RequestStatus.RECEIVED, region.town.id,
                                                                    ApplicantType.LEGAL_SERVICE, Channel.IN_PERSON)
    assert c.due_on is not None and c.due_provisional is False
    assert d.received_on == date(2025, 1, 1) and d.applicant_type is ApplicantType.OTHER_ORG
    assert [e.kind.value for e in a.events] == ["decision", "reply_sent"]
    t = annual_report_tables(session=session, agency_id=region.dept.id, year=2025)["requests"]
    assert (t["received"]["total"], t["granted"]["total"], t["partial"]["other_org"]) == (3, 1, 1)


def test_any_bad_row_rejects_the_whole_file(session: Session, region: Region, tmp_path: Path) -> None:
    bad = [
        *GOOD,
        ["", "示范县教育局", "2025-02-30", "自然人", "李四", "", "", "网络", "x", None, None, None, ""],
        ["", "示范县教育局", date(2025, 3, 3), "外星人", "王五", "", "", "飞鸽", "x", None, None, None, ""],
        ["", "示范县教育局", date(2025, 3, 3), "自然人", "", "", "", "网络", "", "予以公开", None, None, ""],
        ["", "示范县教育局", date(2025, 3, 3), "自然人", "赵六", "", "", "网络", "x", "予以公开",
         date(2025, 3, 1), None, ""],
        ["", "不存在的局", date(2025, 3, 3), "自然人", "钱七", "", "", "网络", "x", None, None, None, ""],
        ["J-2", "示范县教育局", date(2025, 3, 3), "自然人", "孙八", "", "", "网络", "x", None, None, None, ""],
        ["", "示范县教育局", date(2026, 3, 3), "自然人", "周九", "", "", "网络", "x", None, None, None, ""],
    ]
    with pytest.raises(ImportRejected) as err:
        import_ledger(session=session, actor=region.admin, path=xlsx(tmp_path / "b.xlsx", bad), today=TODAY)
    assert count(session) == 0
    assert err.value.rows == [
        (6, "收到日期：「2025-02-30」不是有效日期"),
        (7, "申请人类型：「外星人」不是可选值；申请方式：「飞鸽」不是可选值"),
        (8, "申请人姓名/名称：必填；申请内容：必填；办理结果与办结日期须同时填写或同时留空"),
        (9, "办结日期早于收到日期"),
        (10, "机关：「不存在的局」不在机关名录中"),
        (11, "登记编号 J-2 在文件中重复"),
        (12, "收到日期：2026-03-03 晚于今天"),
    ]
    assert "7 行有误，未导入任何数据" in str(err.value) and "b.xlsx" in str(err.value)


def test_a_clerk_imports_only_into_their_agency(session: Session, region: Region, tmp_path: Path) -> None:
    with pytest.raises(ImportRejected) as err:
        import_ledger(session=session, actor=region.clerk, path=xlsx(tmp_path / "c.xlsx", GOOD), today=TODAY)
    assert err.value.rows == [(4, "机关：无权向该机关导入")]
    assert count(session) == 0


def test_bad_headers(session: Session, region: Region, tmp_path: Path) -> None:
    path = xlsx(tmp_path / "d.xlsx", [], headers=["收到日期", "申请人", "奇怪的列"])
    with pytest.raises(ImportRejected) as err:
        import_ledger(session=session, actor=None, path=path, agency_id=region.dept.id, today=TODAY)
    assert err.value.rows == [(1, "无法识别的列「奇怪的列」"),
                              (1, "缺少列：申请人类型、申请方式、申请内容")]


def test_csv_in_gb18030_with_agency_given(session: Session, region: Region, tmp_path: Path) -> None:
    path = tmp_path / "台账.csv"
    text = ("序号,收到日期,申请人类型,申请人姓名,申请方式,申请内容,办理结果,办结日期\n"
            "1,2025-03-03,自然人,张三,网上申请,申请公开A,本机关不掌握相关政府信息,2025-03-10\n"
            ",2025.3.4,公民,李四,邮寄,申请公开B,,\n")
    path.write_bytes(text.encode("gb18030"))
    assert import_ledger(session=session, actor=region.clerk, path=path, agency_id=region.dept.id,
                         today=TODAY) == 2
    a, b = session.scalars(select(Request).order_by(Request.id))
    assert (a.number, a.outcome, a.channel) == ("1", Outcome.UNAVAILABLE_NOT_HELD, Channel.ONLINE)
    assert (b.received_on, b.channel, b.status) == (date(2025, 3, 4), Channel.LETTER, RequestStatus.RECEIVED)


def test_not_an_xlsx(session: Session, region: Region, tmp_path: Path) -> None:
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"not a zip")
    with pytest.raises(Unreadable, match=r"不是有效的 \.xlsx 文件"):
        import_ledger(session=session, actor=None, path=path, agency_id=region.dept.id, today=TODAY)


def test_template_has_lists_and_imports_as_empty(session: Session, region: Region, tmp_path: Path) -> None:
    path = tmp_path / "台账模板.xlsx"
    write_template(path)
    book = load_workbook(path)
    sheet = book["台账"]
    assert [c.value for c in sheet[1]] == HEADERS
    formulas = {str(dv.sqref)[0]: dv.formula1 for dv in sheet.data_validations.dataValidation}
    assert formulas["D"] == "选项!$D$2:$D$7"  # 申请人类型: six choices
    assert formulas["H"] == "选项!$H$2:$H$6"
    assert formulas["J"] == "选项!$J$2:$J$22"  # 21 outcomes
    assert book["选项"]["J2"].value == "予以公开" and book["选项"].sheet_state == "hidden"
    assert book["填写说明"]["A2"].value == "登记编号"
    assert formulas["C"] == "39569"  # dates after 2008-05-01
    assert import_ledger(session=session, actor=None, path=path, agency_id=region.dept.id, today=TODAY) == 0


def test_export_round_trips(session: Session, region: Region, tmp_path: Path, engine) -> None:
    import_ledger(session=session, actor=None, path=xlsx(tmp_path / "a.xlsx", GOOD), today=TODAY)
    session.commit()
    out = tmp_path / "export.xlsx"
    assert export_ledger(session=session, agency_ids={region.dept.id, region.town.id}, path=out) == 4
    sheet = load_workbook(out)["台账"]
    assert [c.value for c in sheet[1]][-3:] == ["状态", "答复期限", "期限暂定"]
    before = {(r.agency_id, r.number, r.received_on, r.outcome, r.decided_on, r.replied_on, r.applicant_type)
              for r in session.scalars(select(Request))}
    for r in session.scalars(select(Request)):
        session.delete(r)
    session.commit()
    assert import_ledger(session=session, actor=None, path=out, today=TODAY) == 4
    after = {(r.agency_id, r.number, r.received_on, r.outcome, r.decided_on, r.replied_on, r.applicant_type)
             for r in session.scalars(select(Request))}
    assert after == before
    assert export_ledger(session=session, agency_ids={region.dept.id}, path=out, year=2024) == 0


def test_export_tables(session: Session, region: Region, tmp_path: Path) -> None:
    import_ledger(session=session, actor=None, path=xlsx(tmp_path / "a.xlsx", GOOD), today=TODAY)
    tables = annual_report_tables(session=session, agency_id=region.dept.id, year=2025)
    out = tmp_path / "tables.xlsx"
    export_tables(tables=tables, path=out, title="示范县教育局 2025年")
    book = load_workbook(out)
    assert book.sheetnames == ["二、主动公开", "三、申请情况", "四、复议诉讼"]
    s3 = book["三、申请情况"]
    assert s3["A2"].value == "一、本年新收政府信息公开申请数量" and s3["H2"].value == 3
    assert s3["A6"].value == "（三）不予公开 1.属于国家秘密"
    assert s3["B4"].value == 1  # 予以公开, 自然人
    assert book["四、复议诉讼"]["A2"].value == "行政复议"
    assert book["二、主动公开"]["A1"].value == "示范县教育局 2025年"


def test_permission_denied_with_agency_option(session: Session, region: Region, tmp_path: Path) -> None:
    from gongkai.ledger.excel import import_ledger as imp

    path = xlsx(tmp_path / "e.xlsx", [[*row[:1], "", *row[2:]] for row in GOOD[:1]])
    with pytest.raises(ImportRejected) as err:
        imp(session=session, actor=region.clerk, path=path, agency_id=region.other_dept.id, today=TODAY)
    assert err.value.rows == [(2, "机关：无权向该机关导入")]
    assert not isinstance(err.value, PermissionDenied)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025-03-03", date(2025, 3, 3)), ("2025/3/3", date(2025, 3, 3)), ("2025.3.3", date(2025, 3, 3)),
     ("2025年3月3日", date(2025, 3, 3)), (45719, date(2025, 3, 3))],
)
def test_dates_as_clerks_type_them(text: object, expected: date) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [("予以公开", Outcome.GRANTED), ("granted", Outcome.GRANTED), ("（三）不予公开 1.属于国家秘密", Outcome.WITHHELD_SECRET),
     ("属于国家秘密", Outcome.WITHHELD_SECRET), ("不予处理-重复申请", Outcome.NOT_HANDLED_REPEAT),
     ("其他处理：其他", Outcome.OTHER_MISC), ("逾期未按收费通知要求缴纳费用".join(("申请人", "、行政机关不再处理其政府信息公开申请")),
                                          Outcome.OTHER_NO_FEE)],
)
def test_outcome_spellings(text: str, expected: Outcome) -> None:
    assert parse_choice(Outcome, text) is expected
