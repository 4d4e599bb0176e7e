"""The letters a request needs, filled from the ledger: 补正告知书, 延期答复告知书, 征求第三方意见函, 答复书.

The words follow the 条例 (国务院令第711号; template.md §d). Each of the 23 outcome rows of the
2021 table has its 答复书 paragraph and its legal basis in ``OUTCOME_BASIS`` — one declarative row
per outcome, so a reply letter and the annual table can never disagree on what an outcome means.
Where the sources name no article (R20 确认或重新出具, R23 其他) the letter cites none and leaves
the reason for the clerk to write.

A letter is dated the day of its event (the 补正 notice, the extension, the consultation, the
decision); an event not yet recorded dates it today. Blanks a clerk must fill by hand are printed
as a line of underscores, never invented.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from gongkai.errors import LedgerError
from gongkai.ledger.enums import EventKind, Outcome
from gongkai.ledger.models import Request, RequestEvent
from gongkai.writers.formatting import cn_date
from gongkai.writers.letter import Letter, letter_docx

REGULATION = "《中华人民共和国政府信息公开条例》"
FEE_RULES = "《政府信息公开信息处理费管理办法》"
BLANK = "________"
CONSULTATION_DAYS = 15  # 条例第三十二条: the third party answers within 15 working days
REMEDY = ("如对本答复不服，可以自收到本答复之日起六十日内依法申请行政复议，"
          "或者自收到本答复之日起六个月内依法向人民法院提起行政诉讼。")


class LetterKind(StrEnum):
    CORRECTION = "correction"
    EXTENSION = "extension"
    CONSULTATION = "consultation"
    REPLY = "reply"


LETTER_TITLES: dict[LetterKind, str] = {
    LetterKind.CORRECTION: "政府信息公开申请补正告知书",
    LetterKind.EXTENSION: "政府信息公开申请延期答复告知书",
    LetterKind.CONSULTATION: "政府信息公开征求第三方意见函",
    LetterKind.REPLY: "政府信息公开申请答复书",
}
LETTER_TAGS: dict[LetterKind, str] = {LetterKind.CORRECTION: "补", LetterKind.EXTENSION: "延",
                                      LetterKind.CONSULTATION: "征", LetterKind.REPLY: "答"}


@dataclass(frozen=True, slots=True)
class Basis:
    """An outcome's legal basis (``article``, None where the sources give none) and the reply's words."""

    article: str | None
    text: str  # the paragraph after "经审查，"; {basis} is replaced by "根据…的规定，"


OUTCOME_BASIS: dict[Outcome, Basis] = {
    Outcome.GRANTED: Basis("第三十六条第（二）项",
                           "您申请获取的政府信息属于可以公开的政府信息。{basis}本机关向您提供该政府信息（见附件）。"),
    Outcome.PARTIAL: Basis("第三十七条",
                           "您申请获取的政府信息中含有不应当公开或者不属于政府信息的内容，但能够作区分处理。"
                           "{basis}本机关向您提供可以公开的部分（见附件）；不予公开部分的理由是：" + BLANK + "。"),
    Outcome.WITHHELD_SECRET: Basis("第十四条",
                                   "您申请获取的政府信息属于国家秘密。{basis}本机关不予公开。"),
    Outcome.WITHHELD_LAW: Basis("第十四条",
                                "您申请获取的政府信息属于法律、行政法规禁止公开的政府信息。{basis}本机关不予公开。"),
    Outcome.WITHHELD_SAFETY: Basis("第十四条",
                                   "您申请获取的政府信息公开后可能危及国家安全、公共安全、经济安全、社会稳定。"
                                   "{basis}本机关不予公开。"),
    Outcome.WITHHELD_THIRD_PARTY: Basis("第十五条",
                                        "您申请获取的政府信息涉及商业秘密、个人隐私等，公开会对第三方合法权益造成损害。"
                                        "{basis}本机关不予公开。"),
    Outcome.WITHHELD_INTERNAL: Basis("第十六条第一款",
                                     "您申请获取的政府信息属于行政机关的内部事务信息。{basis}本机关不予公开。"),
    Outcome.WITHHELD_PROCESS: Basis("第十六条第二款",
                                    "您申请获取的政府信息属于行政机关在履行行政管理职能过程中形成的过程性信息。"
                                    "{basis}本机关不予公开。"),
    Outcome.WITHHELD_ENFORCEMENT: Basis("第十六条第二款",
                                        "您申请获取的政府信息属于行政执法案卷信息。{basis}本机关不予公开。"),
    Outcome.WITHHELD_QUERY: Basis("第三十六条第（七）项",
                                  "您申请获取的信息属于有关法律、行政法规对信息的获取有特别规定的行政查询事项。"
                                  "{basis}请您依照有关法律、行政法规的规定办理。"),
    Outcome.UNAVAILABLE_NOT_HELD: Basis("第三十六条第（四）项",
                                        "经检索，本机关没有制作或者获取您申请的政府信息，该政府信息不存在。{basis}特此告知。"),
    Outcome.UNAVAILABLE_NEEDS_CREATION: Basis("第三十八条",
                                              "您申请获取的信息需要本机关对现有政府信息进行加工、分析。{basis}本机关不予提供。"),
    Outcome.UNAVAILABLE_UNCLEAR: Basis("第三十条",
                                       "您补正后的申请内容仍不明确，本机关无法确定您所需的政府信息。{basis}本机关无法提供。"),
    Outcome.NOT_HANDLED_PETITION: Basis("第三十九条第一款",
                                        "您以政府信息公开申请的形式进行信访、投诉、举报等活动。{basis}本机关不作为政府信息公开"
                                        "申请处理，请您通过信访、投诉、举报等渠道提出。"),
    Outcome.NOT_HANDLED_REPEAT: Basis("第三十六条第（六）项",
                                      "您重复申请相同的政府信息，本机关已就该申请作出答复且该政府信息未发生变化。"
                                      "{basis}本机关不予重复处理。"),
    Outcome.NOT_HANDLED_PUBLICATION: Basis("第三十九条第二款",
                                           "您申请获取的是政府公报、报刊、书籍等公开出版物。{basis}请您通过以下途径获取："
                                           + BLANK + "。"),
    Outcome.NOT_HANDLED_EXCESSIVE: Basis("第三十五条",
                                         "您申请公开政府信息的数量、频次明显超过合理范围，且说明的理由不合理。"
                                         "{basis}本机关不予处理。"),
    Outcome.NOT_HANDLED_CONFIRMATION: Basis(None,
                                            "您要求本机关确认或者重新出具已获取的信息，该事项不属于政府信息公开申请。"
                                            "本机关不作为政府信息公开申请处理。"),
    Outcome.OTHER_NO_CORRECTION: Basis("第三十条",
                                       "本机关已向您发出补正告知，您无正当理由逾期未补正，视为放弃申请。"
                                       "{basis}本机关不再处理该政府信息公开申请。"),
    Outcome.OTHER_NO_FEE: Basis("__fee__",
                                "本机关已向您发出收取信息处理费的通知，您逾期未缴纳，视为放弃申请。"
                                "{basis}本机关不再处理该政府信息公开申请。"),
    Outcome.OTHER_MISC: Basis(None, "本机关对您的申请处理如下：" + BLANK + "。"),
}


def citation(article: str | None) -> str:
    """"根据《中华人民共和国政府信息公开条例》第三十条的规定，" (or the fee rules'; "" for none)."""
    if article is None:
        return ""
    if article == "__fee__":
        return f"根据{FEE_RULES}的规定，"
    return f"根据{REGULATION}{article}的规定，"


def legal_basis(outcome: Outcome) -> str:
    """The basis in words, as the request page shows it next to the 答复书 button."""
    article = OUTCOME_BASIS[Outcome(outcome)].article
    if article is None:
        return "条例无对应条款"
    return FEE_RULES if article == "__fee__" else f"条例{article}"


def _last(request: Request, kind: EventKind) -> RequestEvent | None:
    found = [e for e in request.events if e.kind is kind]
    return max(found, key=lambda e: (e.on, e.id)) if found else None


def _opening(request: Request, *, to_applicant: bool = True) -> str:
    who = "您" if to_applicant else "申请人"
    return (f"本机关于{cn_date(request.received_on)}收到{who}提出的政府信息公开申请"
            f"（登记编号：{request.number}），申请获取“{request.content.strip()}”。")


def _number(request: Request, kind: LetterKind, signed_on: date) -> str:
    return f"〔{signed_on.year}〕公开{LETTER_TAGS[kind]}字第{request.number}号"


def _correction(request: Request, today: date) -> tuple[str, tuple[str, ...], date]:
    event = _last(request, EventKind.CORRECTION_NOTICE)
    signed = event.on if event else today
    days = f"{event.days}个工作日" if event and event.days else BLANK
    what = event.note.strip() if event and event.note.strip() else BLANK
    return request.applicant_name, (
        _opening(request) + "经审查，您的申请内容不明确，本机关无法确定您所需的政府信息。",
        f"根据{REGULATION}第三十条的规定，请您自收到本告知书之日起{days}内对申请作出补正，"
        f"补正事项为：{what}。",
        "答复期限自本机关收到补正后的申请之日起计算。您无正当理由逾期不补正的，视为放弃申请，"
        "本机关不再处理该政府信息公开申请。",
        "特此告知。",
    ), signed


def _extension(request: Request, today: date) -> tuple[str, tuple[str, ...], date]:
    event = _last(request, EventKind.EXTENSION)
    if event is None or not event.days:
        raise LedgerError(f"申请 {request.number} 尚未登记延期，请先在“办理记录”中登记延期，再生成延期答复告知书")
    due = cn_date(request.due_on) if request.due_on else BLANK
    reason = event.note.strip() or BLANK
    return request.applicant_name, (
        _opening(request),
        f"因{reason}，本机关不能在规定期限内作出答复。经政府信息公开工作机构负责人同意，根据{REGULATION}"
        f"第三十三条第二款的规定，答复期限延长{event.days}个工作日，本机关将于{due}前作出答复。",
        "特此告知。",
    ), event.on


def _consultation(request: Request, today: date, third_party: str) -> tuple[str, tuple[str, ...], date]:
    event = _last(request, EventKind.CONSULTATION_START)
    signed = event.on if event else today
    return third_party.strip() or BLANK, (
        _opening(request, to_applicant=False) + "经审查，该政府信息公开后可能损害你方的合法权益。",
        f"根据{REGULATION}第三十二条的规定，现书面征求你方意见。请你方自收到本函之日起{CONSULTATION_DAYS}个工作日内"
        "提出书面意见；逾期未提出意见的，由本机关依照条例的规定决定是否公开。",
        "你方不同意公开且有合理理由的，本机关不予公开。本机关认为不公开可能对公共利益造成重大影响的，"
        "可以决定予以公开，并将决定公开的政府信息内容和理由书面告知你方。",
        "特此函告。",
    ), signed


def _reply(request: Request, today: date) -> tuple[str, tuple[str, ...], date]:
    if request.outcome is None or request.decided_on is None:
        raise LedgerError(f"申请 {request.number} 尚未作出办理决定，请先登记办理结果，再生成答复书")
    basis = OUTCOME_BASIS[request.outcome]
    body = "经审查，" + basis.text.replace("{basis}", citation(basis.article))
    if body.startswith("经审查，经检索"):
        body = body.removeprefix("经审查，")
    return request.applicant_name, (_opening(request) + "现答复如下：", body, REMEDY), request.decided_on


def build_letter(*, request: Request, kind: LetterKind, agency_name: str, today: date,
                 third_party: str = "") -> Letter:
    """The letter ``kind`` for ``request``; LedgerError when the request is not at that step yet."""
    kind = LetterKind(kind)
    makers: dict[LetterKind, Callable[[], tuple[str, tuple[str, ...], date]]] = {
        LetterKind.CORRECTION: lambda: _correction(request, today),
        LetterKind.EXTENSION: lambda: _extension(request, today),
        LetterKind.CONSULTATION: lambda: _consultation(request, today, third_party),
        LetterKind.REPLY: lambda: _reply(request, today),
    }
    addressee, paragraphs, signed = makers[kind]()
    attachments = ("申请公开的政府信息",) if kind is LetterKind.REPLY and request.outcome in (
        Outcome.GRANTED, Outcome.PARTIAL) else ()
    return Letter(title=LETTER_TITLES[kind], number=_number(request, kind, signed), addressee=addressee,
                  paragraphs=paragraphs, signature=agency_name, signed_on=signed, attachments=attachments)


def letter_filename(request: Request, kind: LetterKind) -> str:
    return f"{request.number}-{LETTER_TITLES[LetterKind(kind)].removeprefix('政府信息公开')}.docx"


def render_letter(*, request: Request, kind: LetterKind, agency_name: str, today: date,
                  third_party: str = "") -> bytes:
    """The DOCX bytes of the letter (GB/T 9704 layout, the annual report's page and fonts)."""
    return letter_docx(build_letter(request=request, kind=kind, agency_name=agency_name, today=today,
                                    third_party=third_party))


def available_letters(request: Request) -> list[LetterKind]:
    """The letters that make sense at the request's step (what the request page offers)."""
    kinds = [e.kind for e in request.events]
    out: list[LetterKind] = []
    if EventKind.CORRECTION_NOTICE in kinds or request.is_open:
        out.append(LetterKind.CORRECTION)
    if any(e.kind is EventKind.EXTENSION and e.days for e in request.events):
        out.append(LetterKind.EXTENSION)
    if EventKind.CONSULTATION_START in kinds or request.is_open:
        out.append(LetterKind.CONSULTATION)
    if request.outcome is not None:
        out.append(LetterKind.REPLY)
    return out
