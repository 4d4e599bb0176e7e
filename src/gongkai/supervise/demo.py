"""A supervision season for the demo county, so `gongkai serve --demo` shows the office's side too.

Last year's reports of 示范县: most departments handed in their ledger's report in January, one
came in after the 31 January deadline, one was sent back for correction (its clerk, jyj, sees the
comment on the dashboard), two were accepted and one of them published, two never arrived, and a
township sent a file in the old 2019 format. Idempotent: a region that already has submissions
for that year is left alone.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import sqlalchemy as sa
from sqlalchemy.orm import Session

from gongkai.ledger import Agency, User
from gongkai.supervise import workflow
from gongkai.supervise.ledger_report import ledger_submission
from gongkai.supervise.records import Submission, SubmissionSource, SupervisedAgency, Verdict
from gongkai.supervise.season import members, season_year

SAMPLE = "001_9e58b98aa5ba2831.txt"  # a 2019-format township report with errors, renamed for the demo
RETURN_COMMENT = ("1. 第五部分未写明存在的主要问题及改进情况，请补充；\n"
                  "2. 第三部分“本机关不掌握相关政府信息”件数较上年明显增加，请核实后说明。")

# (agency, day in January/February of the following year, what happens)
PLAN: tuple[tuple[str, tuple[int, int], str], ...] = (
    ("示范县发展和改革局", (1, 16), "published"),
    ("示范县教育局", (1, 18), "returned"),
    ("示范县公安局", (1, 24), "submitted"),
    ("示范县自然资源局", (2, 6), "late"),
    ("示范县住房和城乡建设局", (1, 22), "accepted"),
    ("示范县城关镇人民政府", (1, 27), "submitted"),
    ("示范县东河镇人民政府", (1, 29), "old_format"),
    ("示范县南湖镇人民政府", (1, 30), "submitted"),
)
# What each clerk wrote in sections 一 and 五 (the ledger fills the tables). 教育局 left 五 as the
# ledger's placeholder (hence its return); 南湖镇 copied 城关镇's text (the 雷同 page finds it).
OWN_TEXT: dict[str, tuple[str, str]] = {
    "示范县发展和改革局": (
        "全年围绕重大项目审批和价格管理，在门户网站专栏公开项目核准备案结果和政府定价目录，"
        "对县域重点项目建设进展按季度集中发布，回应企业关切的投资审批时限问题。",
        "存在的主要问题是部分项目批复文件上网不够及时。下一步将建立批复即公开的内部流转单，"
        "由办公室每周核对一次网站栏目。"),
    "示范县教育局": (
        "聚焦义务教育招生入学和教育经费使用，公开学区划分方案、招生计划和学生资助名单，"
        "在招生季开设咨询专线并同步发布问答。", ""),
    "示范县公安局": (
        "以户籍办理和交通管理为重点，公开办事指南四十余项，交通违法处理流程实现网上查询，"
        "依法审慎处理涉及个人隐私的申请。",
        "个别申请答复书说理不够充分。今后将统一答复文书模板，逐件由法制部门审核后送达。"),
    "示范县自然资源局": (
        "落实土地征收信息公开要求，征地启动公告、补偿安置方案和批准文件全部在指定栏目发布，"
        "国土空间规划编制过程中两次公开征求公众意见。",
        "征地信息公开与乡镇公示衔接不够紧密。明年将与各乡镇建立征地信息同步发布机制。"),
    "示范县住房和城乡建设局": (
        "围绕房屋征收补偿和建设工程审批，公开征收决定、评估机构名单和施工许可办理结果，"
        "老旧小区改造项目清单在社区公示栏同步张贴。",
        "部分公开内容专业术语较多、群众不易理解。将对重点政策配发图解和问答。"),
    "示范县城关镇人民政府": (
        "城关镇围绕拆迁安置和低保发放开展公开，每月在便民服务中心和各村居公示栏公布低保对象名单，"
        "安置房分配全过程邀请群众代表监督并公开结果。",
        "村级公开栏更新不够规范。下一步将制定村务公开目录，按月督查更新情况。"),
    "示范县南湖镇人民政府": (
        "南湖镇围绕拆迁安置和低保发放开展公开，每月在便民服务中心和各村居公示栏公布低保对象名单，"
        "安置房分配全过程邀请群众代表监督并公开结果。",
        "村级公开栏更新不够规范。下一步将制定村务公开目录，按月督查更新情况。"),
}
PORTALS = {"示范县发展和改革局": "http://fgj.shifan.gov.cn/", "示范县教育局": "http://jyj.shifan.gov.cn/"}


def seed_season(*, session: Session, county_id: int, today: date | None = None) -> int:
    """Seed the season of ``season_year(today)`` under the county; returns the submissions made."""
    today = today or date.today()
    year = season_year(today)
    region = {m.name: m.id for m in members(session, county_id)}
    if session.scalar(sa.select(sa.func.count()).select_from(Submission)
                      .where(Submission.year == year, Submission.agency_id.in_(region.values()))):
        return 0
    supervisor = session.scalar(sa.select(User).where(User.role == "supervisor", User.agency_id == county_id))
    clerks = {u.agency_id: u for u in session.scalars(sa.select(User).where(User.agency_id.in_(region.values())))}
    for name, url in PORTALS.items():
        if name in region:
            session.merge(SupervisedAgency(agency_id=region[name], portal_url=url, publishes_only=False))

    def when(month: int, day: int, hour: int = 10) -> datetime:
        moment = datetime.combine(date(year + 1, month, day), time(hour, 12))
        return min(moment, datetime.combine(today, time(9, 0)))

    made = 0
    for name, (month, day), fate in PLAN:
        agency_id = region.get(name)
        if agency_id is None:
            continue
        at = when(month, day)
        if fate == "old_format":
            data, file_name, analysis = _old_format(name, year)
            source = SubmissionSource.UPLOAD
        else:
            _write_narrative(session, agency_id, year, OWN_TEXT.get(name), clerks.get(agency_id))
            data, file_name, analysis = ledger_submission(session, agency_id, year)
            source = SubmissionSource.LEDGER
        workflow.submit(session=session, agency_id=agency_id, year=year, file_name=file_name, data=data,
                        source=source, actor=clerks.get(agency_id), analysis=analysis, at=at)
        made += 1
        review = workflow.get_review(session, agency_id, year)
        assert review is not None
        later = at + timedelta(days=3)
        if fate == "returned":
            workflow.return_for_correction(session=session, review=review, actor=supervisor, comment=RETURN_COMMENT,
                                           due_on=(later + timedelta(days=14)).date(), expected_version=None,
                                           at=later)
        elif fate in ("accepted", "published"):
            workflow.accept(session=session, review=review, actor=supervisor, expected_version=None,
                            override_reason="第五部分已由该单位书面补充说明，同意通过", at=later)
            if fate == "published":
                workflow.record_published(session=session, review=review, actor=supervisor,
                                          url=f"http://fgj.shifan.gov.cn/zfxxgk/ndbg/{year}.html",
                                          expected_version=None, at=later + timedelta(days=1))
        elif fate == "old_format":
            latest = workflow.latest_submission(session, agency_id, year)
            assert latest is not None
            for finding in latest.findings:
                if finding.rule == "template.version":
                    workflow.set_verdict(session=session, agency_id=agency_id, year=year,
                                         fingerprint=finding.fingerprint, verdict=Verdict.CONFIRMED,
                                         reason="使用了2019年试行格式", actor=supervisor)
    session.flush()
    return made


def _write_narrative(session: Session, agency_id: int, year: int, texts: tuple[str, str] | None,
                     clerk: User | None) -> None:
    from gongkai.ledger.narratives import save_narrative

    for section, text in zip((1, 5), texts or ("", ""), strict=True):
        if text:
            save_narrative(session=session, agency_id=agency_id, year=year, section=section, text=text, actor=clerk)


def _old_format(name: str, year: int) -> tuple[bytes, str, workflow.Analysis]:
    """A shipped 2019-format township report, renamed to the demo township and moved to ``year``."""
    from importlib import resources

    text = (resources.files("gongkai.sample_reports") / SAMPLE).read_text("utf-8")
    text = (text.replace("白家庄镇人民政府", name).replace("白家庄镇", name.removesuffix("人民政府"))
            .replace("2024年", f"{year + 1}年").replace("2023", str(year)))
    file_name = f"{name}{year}年政府信息公开工作年度报告.txt"
    data = text.encode("utf-8")
    return data, file_name, workflow.analyse(file_name, data)


def region_of_demo(session: Session) -> int | None:
    from gongkai.ledger.demo import COUNTY

    return session.scalar(sa.select(Agency.id).where(Agency.name == COUNTY))
