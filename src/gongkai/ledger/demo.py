"""A realistic, deterministic demo region: a county, its departments and townships, users, and
requests from 1 January of last year up to today — every outcome, 补正, consultation, fee and
extension steps, some overdue and some due soon, appeals, documents and annual figures.

Everything goes through the ledger's own functions, so the demo exercises the same paths (and
leaves the same events and audit rows) as real work.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from gongkai.ledger.access import create_agency, create_user, hash_password
from gongkai.ledger.deadlines import calendar_from_db
from gongkai.ledger.enums import (
    FIGURE_KEYS,
    AgencyKind,
    AppealKind,
    AppealResult,
    ApplicantType,
    Channel,
    DocumentKind,
    EventKind,
    Outcome,
    Role,
    label,
)
from gongkai.ledger.models import Agency, Request
from gongkai.ledger.registers import create_appeal, create_document, repeal_document, set_annual_figure
from gongkai.ledger.requests import create_request, decide, record_event, send_reply
from gongkai.ledger.schemas import AppealIn, DocumentIn, RequestIn
from gongkai.ledger.workdays import WorkCalendar

DEMO_PASSWORD = "gongkai-demo"
COUNTY = "示范县人民政府"
DEPARTMENTS = (
    ("示范县发展和改革局", "fgj", "发展规划、重大项目审批"),
    ("示范县教育局", "jyj", "学校招生、教育经费"),
    ("示范县公安局", "gaj", "户籍管理、交通管理"),
    ("示范县自然资源局", "zrj", "土地征收、国土空间规划"),
    ("示范县住房和城乡建设局", "zjj", "房屋征收补偿、建设工程许可"),
    ("示范县市场监督管理局", "scj", "食品安全抽检、企业登记"),
)
TOWNSHIPS = (
    ("示范县城关镇人民政府", "cgz", "拆迁安置、低保发放"),
    ("示范县东河镇人民政府", "dhz", "土地承包、惠农补贴"),
    ("示范县西山乡人民政府", "xsx", "村道建设、集体资金"),
    ("示范县南湖镇人民政府", "nhz", "河道整治、征地补偿"),
)
_APPLICANTS = [(ApplicantType.NATURAL_PERSON, 70), (ApplicantType.ENTERPRISE, 12), (ApplicantType.RESEARCH, 3),
               (ApplicantType.SOCIAL_ORG, 3), (ApplicantType.LEGAL_SERVICE, 7), (ApplicantType.OTHER_ORG, 5)]
_CHANNELS = [(Channel.ONLINE, 45), (Channel.LETTER, 30), (Channel.IN_PERSON, 15), (Channel.EMAIL, 8), (Channel.FAX, 2)]
_REGULAR = [o for o in Outcome if o not in (Outcome.OTHER_NO_CORRECTION, Outcome.OTHER_NO_FEE)]
_WEIGHTS = {Outcome.GRANTED: 40, Outcome.PARTIAL: 12, Outcome.UNAVAILABLE_NOT_HELD: 12}
_SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
_GIVEN = ("伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "建华")
_FIRMS = ("示范县宏达建材有限公司", "示范县绿源农业合作社", "某某律师事务所", "示范县社会工作服务中心",
          "某大学公共管理学院课题组", "示范县新城置业有限公司")
_DOCS = ("{y}年度工作计划", "相关批复文件", "项目审批结果", "补偿标准及依据", "专项资金使用情况", "会议纪要")


@dataclass
class DemoInfo:
    county_id: int
    agency_ids: list[int]
    credentials: list[tuple[str, str, str, str]]  # username, password, role label, agency
    requests: int = 0
    created: bool = True

    def describe(self) -> str:
        """Printable demo logins (Chinese)."""
        lines = ["演示账号（密码均为 " + DEMO_PASSWORD + "）："]
        lines += [f"  {u:<8} {role}  {agency}" for u, _, role, agency in self.credentials]
        return "\n".join(lines)


@dataclass
class _Seeder:
    session: Session
    today: date
    rng: random.Random
    cal: WorkCalendar
    agencies: list[tuple[Agency, str]] = field(default_factory=list)
    count: int = 0

    def wd(self, start: date, n: int) -> date:
        return self.cal.add_workdays(start, n)[0] if n > 0 else start

    def person(self, applicant: ApplicantType) -> str:
        if applicant is ApplicantType.NATURAL_PERSON:
            return self.rng.choice(_SURNAMES) + self.rng.choice(_GIVEN)
        return self.rng.choice(_FIRMS)

    def new(self, agency: Agency, topic: str, received: date, applicant: ApplicantType | None = None) -> Request:
        rng = self.rng
        applicant = applicant or rng.choices([a for a, _ in _APPLICANTS], [w for _, w in _APPLICANTS])[0]
        subject = rng.choice(topic.split("、"))
        data = RequestIn(
            agency_id=agency.id, applicant_type=applicant, applicant_name=self.person(applicant),
            contact=f"138{rng.randrange(10**8):08d}", channel=rng.choices(
                [c for c, _ in _CHANNELS], [w for _, w in _CHANNELS])[0],
            content=f"申请公开{agency.name.removeprefix('示范县')}关于{subject}的" + rng.choice(_DOCS).format(
                y=received.year - 1),
            received_on=received,
        )
        self.count += 1
        return create_request(session=self.session, actor=None, data=data, today=self.today)

    def event(self, r: Request, kind: EventKind, on: date, days: int | None = None) -> bool:
        if on > self.today:
            return False
        record_event(session=self.session, actor=None, request=r, kind=kind, on=on, days=days, today=self.today)
        return True

    def conclude(self, r: Request, outcome: Outcome, *, late: bool = False) -> None:
        """Handle ``r`` the way its outcome implies, with the events that lead there."""
        rng, start = self.rng, r.received_on
        if outcome is Outcome.OTHER_NO_CORRECTION or outcome is Outcome.UNAVAILABLE_UNCLEAR or rng.random() < 0.06:
            notice = self.wd(start, rng.randint(1, 6))
            if not self.event(r, EventKind.CORRECTION_NOTICE, notice, days=10):
                return
            if outcome is Outcome.OTHER_NO_CORRECTION:
                on = self.wd(notice, 11)
                if on <= self.today:
                    decide(session=self.session, actor=None, request=r, outcome=outcome, on=on, today=self.today)
                    self._reply(r)
                return
            start = self.wd(notice, rng.randint(2, 8))
            if not self.event(r, EventKind.CORRECTION_RECEIVED, start):
                return
        if outcome is Outcome.OTHER_NO_FEE or (outcome is not Outcome.GRANTED and rng.random() < 0.02):
            notice = self.wd(start, rng.randint(3, 10))
            if not self.event(r, EventKind.FEE_NOTICE, notice):
                return
            if outcome is Outcome.OTHER_NO_FEE:
                on = self.wd(notice, 21)
                if on <= self.today:
                    decide(session=self.session, actor=None, request=r, outcome=outcome, on=on, today=self.today)
                    self._reply(r)
                return
            if not self.event(r, EventKind.FEE_PAID, self.wd(notice, rng.randint(2, 10))):
                return
        elif outcome is Outcome.WITHHELD_THIRD_PARTY or rng.random() < 0.05:
            begin = self.wd(start, rng.randint(3, 8)) if r.events == [] else self.wd(r.events[-1].on, 1)
            if not self.event(r, EventKind.CONSULTATION_START, begin):
                return
            if not self.event(r, EventKind.CONSULTATION_END, self.wd(begin, rng.randint(5, 15))):
                return
        if rng.random() < 0.07 and r.due_on is not None:
            last = max([e.on for e in r.events] + [r.received_on])
            on = max(last, r.due_on - timedelta(days=3))
            self.event(r, EventKind.EXTENSION, on, days=rng.choice((10, 15, 20)))
        due = r.due_on or self.wd(start, 20)
        last = max([e.on for e in r.events] + [r.received_on])
        span = max(1, (due - last).days)
        on = self.wd(due, rng.randint(1, 8)) if late else last + timedelta(days=rng.randint(1, span))
        if on <= self.today:
            decide(session=self.session, actor=None, request=r, outcome=outcome, on=on, today=self.today)
            self._reply(r)

    def _reply(self, r: Request) -> None:
        assert r.decided_on is not None
        on = r.decided_on + timedelta(days=self.rng.choice((0, 0, 1, 2, 3)))
        if on <= self.today:
            send_reply(session=self.session, actor=None, request=r, on=on, today=self.today)


def _region(session: Session) -> tuple[Agency, list[tuple[Agency, str, str]]]:
    county = create_agency(session=session, name=COUNTY, kind=AgencyKind.GOVERNMENT, level="县级")
    members = [(county, "xzf", "政务公开、财政预决算")]
    for name, user, topic in DEPARTMENTS:
        members.append((create_agency(session=session, name=name, kind=AgencyKind.DEPARTMENT, level="县级",
                                      parent_id=county.id), user, topic))
    for name, user, topic in TOWNSHIPS:
        members.append((create_agency(session=session, name=name, kind=AgencyKind.TOWNSHIP, level="乡级",
                                      parent_id=county.id), user, topic))
    return county, members


def _credentials(members: list[tuple[Agency, str, str]]) -> list[tuple[str, str, str, str]]:
    out = [("admin", DEMO_PASSWORD, label(Role.ADMIN), "全部机关"),
           ("county", DEMO_PASSWORD, label(Role.SUPERVISOR), COUNTY + "（全县）")]
    out += [(user, DEMO_PASSWORD, label(Role.CLERK), agency.name) for agency, user, _ in members]
    return out


def seed_demo(*, session: Session, today: date | None = None, seed: int = 7) -> DemoInfo:
    """Create the demo region (or describe it, if this database already has it). Does not commit."""
    today = today or date.today()
    existing = session.scalar(select(Agency).where(Agency.name == COUNTY))
    if existing is not None:
        names = [COUNTY] + [n for n, _, _ in DEPARTMENTS + TOWNSHIPS]
        by_name = {a.name: a for a in session.scalars(select(Agency).where(Agency.name.in_(names)))}
        members = [(by_name[COUNTY], "xzf", "")] + [(by_name[n], u, t) for n, u, t in DEPARTMENTS + TOWNSHIPS]
        return DemoInfo(existing.id, [a.id for a, _, _ in members], _credentials(members), created=False)

    county, members = _region(session)
    hashed = hash_password(DEMO_PASSWORD)  # one hash for all: argon2 is slow on purpose
    create_user(session=session, username="admin", password=DEMO_PASSWORD, role=Role.ADMIN,
                display_name="系统管理员", password_hash=hashed)
    create_user(session=session, username="county", password=DEMO_PASSWORD, role=Role.SUPERVISOR,
                agency_id=county.id, display_name="县政务公开办", password_hash=hashed)
    for agency, user, _ in members:
        create_user(session=session, username=user, password=DEMO_PASSWORD, role=Role.CLERK, agency_id=agency.id,
                    display_name=agency.name.removeprefix("示范县") + "经办人", password_hash=hashed)

    s = _Seeder(session, today, random.Random(seed), calendar_from_db(session=session))
    first = date(today.year - 1, 1, 1)
    weights = [5 if a.kind is AgencyKind.DEPARTMENT else 3 for a, _, _ in members]
    # one request for every outcome early last year, so every row of the table is exercised
    for i, outcome in enumerate(Outcome):
        agency, _, topic = members[i % len(members)]
        s.conclude(s.new(agency, topic, s.wd(first, 5 + 3 * i)), outcome)
    # the year's flow: about 1.2 requests per working day across the county
    horizon = today - timedelta(days=40)
    day = first
    while day <= horizon:
        if s.cal.is_workday(day):
            for _ in range(s.rng.choices((0, 1, 2, 3), (25, 40, 25, 10))[0]):
                agency, _, topic = s.rng.choices(members, weights)[0]
                outcome = s.rng.choices(_REGULAR, [_WEIGHTS.get(o, 2) for o in _REGULAR])[0]
                s.conclude(s.new(agency, topic, day), outcome, late=s.rng.random() < 0.04)
        day += timedelta(days=1)
    # open work around today: overdue, due soon, waiting for the applicant, fresh
    for back in (45, 40, 36, 27, 26, 25, 24, 22, 18, 12, 8, 5, 3, 1):
        agency, _, topic = members[(back * 7) % len(members)]
        r = s.new(agency, topic, today - timedelta(days=back))
        if back in (18, 8):
            s.event(r, EventKind.CONSULTATION_START, s.wd(r.received_on, 2))
        elif back == 12:
            s.event(r, EventKind.CORRECTION_NOTICE, s.wd(r.received_on, 2), days=10)
        elif back == 5:
            s.event(r, EventKind.FEE_NOTICE, s.wd(r.received_on, 1))
    _appeals(s, members, first)
    _documents(s, members, first)
    session.flush()
    return DemoInfo(county.id, [a.id for a, _, _ in members], _credentials(members), s.count)


def _appeals(s: _Seeder, members: list[tuple[Agency, str, str]], first: date) -> None:
    results = [AppealResult.UPHELD, AppealResult.CORRECTED, AppealResult.OTHER, AppealResult.PENDING]
    for i, (kind, result) in enumerate((k, r) for k in AppealKind for r in results):
        agency = members[1 + i % (len(members) - 1)][0]
        filed = first + timedelta(days=30 + 27 * i)
        if filed > s.today:
            filed = s.today - timedelta(days=i + 1)
        concluded = None if result is AppealResult.PENDING else min(filed + timedelta(days=60), s.today)
        decided = s.session.scalar(select(Request.id).where(Request.agency_id == agency.id,
                                                            Request.decided_on < filed).limit(1))
        create_appeal(session=s.session, actor=None, data=AppealIn(
            agency_id=agency.id, kind=kind, filed_on=filed, request_id=decided, result=result,
            concluded_on=concluded, note="演示数据"))


def _documents(s: _Seeder, members: list[tuple[Agency, str, str]], first: date) -> None:
    for year in (first.year - 2, first.year - 1, first.year, first.year + 1):
        for i, (agency, _, _) in enumerate(members):
            for n in range(3 if agency.kind is AgencyKind.GOVERNMENT else i % 2):
                issued = date(year, 1 + (3 * n + i) % 12, 10 + n)
                if issued > s.today:
                    continue
                short = agency.name.removeprefix("示范县").removesuffix("人民政府") or "县"
                doc = create_document(session=s.session, actor=None, data=DocumentIn(
                    agency_id=agency.id, title=f"关于印发{short}{year}年度管理办法（第{n + 1}号）的通知",
                    doc_number=f"示{short[:2]}规〔{year}〕{n + 1}号", kind=DocumentKind.NORMATIVE, issued_on=issued))
                if n == 0 and year < first.year and date(year + 1, 6, 30) <= s.today:
                    repeal_document(session=s.session, actor=None, document=doc, on=date(year + 1, 6, 30))
        for agency, _, _ in members:
            if date(year, 1, 1) > s.today or year < first.year:
                continue
            for key in FIGURE_KEYS:
                value = Decimal(s.rng.randint(0, 400)) if key.endswith("decisions") else Decimal(
                    s.rng.randint(0, 2000)) / 100
                set_annual_figure(session=s.session, actor=None, agency_id=agency.id, year=year, key=key,
                                  value=value, source="演示数据：业务系统统计")
