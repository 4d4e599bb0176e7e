"""Which registry agency a report belongs to, from the name it prints, its year and where it came from.

Reports print their agency in many ways: "平型关镇人民政府" for the registry's "繁峙县平型关镇人民政府",
"县市场监管局" for "繁峙县市场监督管理局", "县政府办" for "繁峙县人民政府办公室". A match is
taken only when the name, after such normalisation, points at exactly one agency (the portal's
host name may settle a tie). Anything weaker — a name that is merely similar, or a host with no
name — comes back as *candidates* with a score for a person to confirm; it is never taken
silently. A report of another year, or of no agency in the registry, is *unmatched* with a reason.

Interface (stable; the web stage uses it):

    matcher = Matcher(registry)
    m = matcher.match(name="平型关镇人民政府", year=2023, expected_year=2023, url="http://...", filename="...")
    m.status   # MatchStatus.MATCHED | CANDIDATES | UNMATCHED
    m.agency   # registry name when matched
    m.score, m.basis, m.candidates (tuple[Candidate(agency, score, basis)]), m.reason (Chinese)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from enum import StrEnum

from gongkai.supervise.registry import AgencyKind, Registry, RegistryAgency, host_of

#: A fuzzy candidate must score at least this to be offered.
CANDIDATE_FLOOR = 0.6
#: Shorter forms ("政府办") are too generic to compare by similarity.
FUZZY_MIN_LENGTH = 4
MAX_CANDIDATES = 5


class MatchStatus(StrEnum):
    MATCHED = "matched"
    CANDIDATES = "candidates"
    UNMATCHED = "unmatched"


@dataclass(frozen=True, slots=True)
class Candidate:
    agency: str
    score: float  # 0..1
    basis: str  # why, in Chinese: 名称相同 / 名称规范化后相同 / 门户网站域名相同 / 名称相近


@dataclass(frozen=True, slots=True)
class Match:
    status: MatchStatus
    agency: str | None = None
    score: float = 0.0
    basis: str = ""
    candidates: tuple[Candidate, ...] = ()
    reason: str | None = None  # why not matched (Chinese), for unmatched and candidates

    @property
    def matched(self) -> bool:
        return self.status is MatchStatus.MATCHED


# -- normalisation ------------------------------------------------------------------------------

#: Long forms → the short forms reports also print; applied to every name so both meet in the middle.
ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("人民政府办公室", "政府办"), ("政府办公室", "政府办"), ("人民政府办", "政府办"),
    ("街道办事处", "街道"), ("街道办", "街道"),
    ("监督管理", "监管"),
    ("人力资源和社会保障", "人社"), ("人力资源社会保障", "人社"),
    ("住房和城乡建设", "住建"), ("住房城乡建设", "住建"),
    ("发展和改革", "发改"), ("发展改革", "发改"),
    ("卫生健康", "卫健"), ("卫生和计划生育", "卫计"),
    ("自然资源和规划", "自然资源"), ("生态环境", "环境"),
    ("农业农村", "农业"), ("文化和旅游", "文旅"), ("文化旅游", "文旅"), ("文化广电和旅游", "文旅"),
    ("交通运输", "交通"), ("退役军人事务", "退役军人"), ("应急管理", "应急"),
    ("工业和信息化", "工信"), ("科学技术", "科技"), ("教育和体育", "教体"),
    ("行政审批服务", "行政审批"), ("医疗保障", "医保"), ("综合行政执法", "综合执法"),
    ("管理委员会", "管委会"), ("委员会", "委"),
)
_PUNCT = re.compile(r"[\s\u3000·•\-—_/\\,，。、:：;；\"'“”‘’《》<>〈〉「」『』【】\[\]]")
_BRACKETED = re.compile(r"[（(][^（）()]*[)）]")
_YEAR_TITLE = re.compile(r"\d{4}\s*年度?.*$|政府信息公开.*$")
#: A leading province / prefecture / county name: 2–7 characters ending in a division word, but not a
#: word that merely ends in one (城市管理局, 社区, 园区); one-character names (沛县) come from the registry.
_REGION_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,7}?(?<!城)(?<!都)(?<!社)(?<!园)(?<!景)(?<!小)"
                            r"(?:省|自治区|市|自治州|州|盟|地区|县|区|旗)(?!场)")
#: "县财政局", "区政府办": the bare division word standing for "this county's".
_BARE_DIVISION = re.compile(r"^[县市区旗](?!场|区)")
_DIVISION_START = re.compile(r"^[省市州盟县区旗]")
_FUBAN = re.compile(r"(?<!政)府办")
_GOVERNMENT_SUFFIX = re.compile(r"人民政府$|政府$")


def normalise(name: str) -> str:
    """The name with width folded, punctuation and spaces dropped, and the common short forms used."""
    text = unicodedata.normalize("NFKC", name)
    text = text.replace("(", "（").replace(")", "）")
    text = _PUNCT.sub("", text)
    text = _YEAR_TITLE.sub("", text) or text  # "XX局2023年政府信息公开工作年度报告" → "XX局"
    for long, short in ABBREVIATIONS:
        text = text.replace(long, short)
    return _FUBAN.sub("政府办", text)  # 县府办 = 县政府办


def _strip_regions(name: str, regions: Iterable[str]) -> set[str]:
    """Every form of ``name`` with leading region names removed (known ones first, then generic)."""
    out: set[str] = set()
    frontier = {name}
    ordered = sorted(set(regions), key=len, reverse=True)
    for _ in range(4):  # province, city, county, and a bare 县
        nxt: set[str] = set()
        for text in frontier:
            for region in ordered:
                rest = text[len(region):]
                if text.startswith(region) and len(rest) >= 2 and not _DIVISION_START.match(rest):
                    nxt.add(rest)
            for pattern in (_REGION_PREFIX, _BARE_DIVISION):
                m = pattern.match(text)
                if m and len(text) >= m.end() + 2:
                    nxt.add(text[m.end():])
        nxt -= out
        if not nxt:
            break
        out |= nxt
        frontier = nxt
    return {form for form in out if not form.startswith("（")}


def name_forms(name: str, regions: Iterable[str] = ()) -> tuple[str, set[str], set[str]]:
    """(the normalised full name, its looser forms, weak forms).

    Loose: regions stripped, 人民政府 dropped. Weak: the same after dropping bracketed words — a
    bracket may hold a note ("（汇总）") or the real subject ("繁峙县（平型关镇人民政府）"), so a
    match that needs it is only offered for confirmation.
    """
    full = normalise(name)
    loose = _loosen(full, regions)
    unbracketed = _BRACKETED.sub("", full)
    weak: set[str] = set()
    if unbracketed != full and len(unbracketed) >= 2:
        weak = ({unbracketed} | _loosen(unbracketed, regions)) - loose - {full}
    return full, loose, weak


def _loosen(full: str, regions: Iterable[str]) -> set[str]:
    bases = {full}
    bare = _GOVERNMENT_SUFFIX.sub("", full)
    if len(bare) >= 2 and bare != full:
        bases.add(bare)
    loose = set(bases)
    for base in bases:
        loose |= _strip_regions(base, regions)
    loose = {form for form in loose if len(form) >= 2}
    loose.discard(full)
    return loose


def _regions(registry: Registry) -> set[str]:
    """Region names the registry itself knows: its governments' names without 人民政府, short forms too."""
    out: set[str] = set()
    for agency in registry:
        if agency.kind is not AgencyKind.GOVERNMENT:
            continue
        base = _GOVERNMENT_SUFFIX.sub("", normalise(agency.name))
        if len(base) >= 2:
            out.add(base)
            if len(base) >= 3 and base[-1] in "县市区旗":
                out.add(base[:-1])  # 繁峙县 → 繁峙
    return out


# -- matching -----------------------------------------------------------------------------------

class Matcher:
    """A registry indexed for matching many reports (build once per review)."""

    def __init__(self, registry: Registry) -> None:
        self.registry = registry
        self.regions = _regions(registry)
        self.exact: dict[str, set[str]] = {}
        self.loose: dict[str, set[str]] = {}
        self.hosts: dict[str, set[str]] = {}
        self._cores: dict[str, set[str]] = {}
        self._tails: list[tuple[str, str]] = []  # (normalised full or bare name, agency)
        self._fulls: dict[str, set[str]] = {}  # agency → its normalised names (aliases included)
        for agency in registry:
            names = (agency.name, *agency.aliases)
            cores: set[str] = set()
            for printed in names:
                full, loose, weak = name_forms(printed, self.regions)
                self.exact.setdefault(full, set()).add(agency.name)
                self._tails += [(full, agency.name), (_GOVERNMENT_SUFFIX.sub("", full), agency.name)]
                self._fulls.setdefault(agency.name, set()).add(full)
                for form in loose | weak:
                    self.loose.setdefault(form, set()).add(agency.name)
                cores |= _fuzzy_forms(full, loose)
            self._cores[agency.name] = cores
            host = agency.portal_host
            if host:
                self.hosts.setdefault(host, set()).add(agency.name)

    def match(self, *, name: str | None, year: int | None, expected_year: int,
              url: str | None = None, filename: str | None = None) -> Match:
        """Match one report; see the module docstring for the outcomes."""
        if year is None:
            return Match(MatchStatus.UNMATCHED, reason="未能读出报告所属年度")
        if year != expected_year:
            return Match(MatchStatus.UNMATCHED, reason=f"报告年度为 {year} 年，不是本次审查的 {expected_year} 年")
        hinted = self._by_host(host_of(url)) if url else set()
        if not name:
            if filename:
                by_file = self._by_name(_filename_name(filename), hinted)
                if by_file.matched:  # a file name is a weaker witness than a printed name: confirm
                    return Match(MatchStatus.CANDIDATES, candidates=(Candidate(by_file.agency or "", 0.8,
                                 "文件名与机关名称相符"),), reason="报告中未读出机关名称，按文件名推测，需确认")
            if len(hinted) == 1:
                only = next(iter(hinted))
                return Match(MatchStatus.CANDIDATES, candidates=(Candidate(only, 0.7, "门户网站域名相同"),),
                             reason="报告中未读出机关名称，按来源网站推测，需确认")
            return Match(MatchStatus.UNMATCHED, reason="报告中未读出机关名称")
        return self._by_name(name, hinted)

    def _by_host(self, host: str | None) -> set[str]:
        if not host:
            return set()
        found: set[str] = set()
        for known, names in self.hosts.items():
            if host == known or host.endswith("." + known):
                found |= names
        return found

    def _by_name(self, name: str, hinted: set[str]) -> Match:
        full, loose, weak = name_forms(name, self.regions)
        exact = self.exact.get(full, set())
        if len(exact) == 1:
            return _taken(next(iter(exact)), 1.0, "名称相同")
        tied = exact or (self._lookup(loose | {full}) | self._ending_with(full))
        if len(tied) == 1:
            only = next(iter(tied))
            if exact or self._same_place(full, only):
                return _taken(only, 0.95, "名称规范化后相同")
            return Match(MatchStatus.CANDIDATES, candidates=(Candidate(only, 0.8, "名称主体相同，所属地区不同"),),
                         reason=f"“{name}”与名录中的“{only}”名称主体相同但地区不同，需确认")
        if tied:
            settled = {a for a in tied & hinted if self._same_place(full, a)}
            if len(settled) == 1:
                return _taken(next(iter(settled)), 0.95, "名称规范化后相同，门户网站域名相符")
            # Every tied agency is offered: they score alike, so a cut would drop the right one
            # as readily as a wrong one (a unit name shared by six counties listed five).
            ranked = tuple(Candidate(a, 0.9, "名称规范化后相同") for a in sorted(tied))
            return Match(MatchStatus.CANDIDATES, candidates=ranked,
                         reason=f"名称“{name}”可能指 {len(tied)} 个机关，需确认")
        bracketed = self._lookup(weak)
        if bracketed:
            ranked = tuple(Candidate(a, 0.85, "去掉括号内文字后相同") for a in sorted(bracketed))
            fuzzy = tuple(c for c in self._fuzzy(full, loose, hinted) if c.agency not in bracketed)
            return Match(MatchStatus.CANDIDATES, candidates=(ranked + fuzzy)[:MAX_CANDIDATES],
                         reason=f"名称“{name}”含括号，需确认所指机关")
        fuzzy = self._fuzzy(full, loose, hinted)
        if fuzzy:
            shown = "、".join(f"{c.agency}（{c.score:.2f}）" for c in fuzzy[:3])
            return Match(MatchStatus.CANDIDATES, candidates=fuzzy,
                         reason=f"名录中没有“{name}”，名称相近的有：{shown}，需确认")
        return Match(MatchStatus.UNMATCHED, reason=f"机关“{name}”不在名录中")

    def _same_place(self, printed: str, agency: str) -> bool:
        """Whether the region the printed name names (if any) is the agency's: "忻州市财政局" is not
        "繁峙县财政局" although both are 财政局; "山西省繁峙县平型关镇" is "繁峙县平型关镇人民政府"."""
        p = _GOVERNMENT_SUFFIX.sub("", printed)
        for known in self._fulls.get(agency, ()):
            a = _GOVERNMENT_SUFFIX.sub("", known)
            n = _common_suffix(p, a)
            if n < 2:
                continue
            mine, theirs = p[: len(p) - n], a[: len(a) - n]
            if not mine or mine in theirs or theirs in mine or mine in ("县", "市", "区", "旗"):
                return True
        return False

    def _ending_with(self, full: str) -> set[str]:
        """Agencies whose name ends with the printed one: "砂河镇人民政府" is the tail of
        "城区砂河镇人民政府" even when no rule knows 城区 for a district. This also keeps a short
        name from being taken when a second agency ends with it under a prefix no rule strips."""
        tails = {t for t in (full, _GOVERNMENT_SUFFIX.sub("", full)) if len(t) >= 3}
        return {agency for name, agency in self._tails if any(name.endswith(t) for t in tails)}

    def _lookup(self, forms: set[str]) -> set[str]:
        found: set[str] = set()
        for form in forms:
            found |= self.exact.get(form, set())
            found |= self.loose.get(form, set())
        return found

    def _fuzzy(self, full: str, loose: set[str], hinted: set[str]) -> tuple[Candidate, ...]:
        forms = _fuzzy_forms(full, loose)
        scored: list[Candidate] = []
        for agency, cores in self._cores.items():
            best = max(SequenceMatcher(None, a, b, autojunk=False).ratio() for a in forms for b in cores)
            if agency in hinted:
                best = min(1.0, best + 0.1)
            if best >= CANDIDATE_FLOOR:
                basis = "名称相近，门户网站域名相同" if agency in hinted else "名称相近"
                scored.append(Candidate(agency, round(min(best, 0.89), 2), basis))
        scored.sort(key=lambda c: (-c.score, c.agency))
        return tuple(scored[:MAX_CANDIDATES])


def _common_suffix(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[-1 - n] == b[-1 - n]:
        n += 1
    return n


def _fuzzy_forms(full: str, loose: set[str]) -> set[str]:
    """Forms compared by similarity: without 人民政府 (shared by half the registry, it would make
    every township look like every other), and no form too short to be distinctive."""
    forms = {_GOVERNMENT_SUFFIX.sub("", form) for form in loose | {full}}
    return {form for form in forms if len(form) >= FUZZY_MIN_LENGTH} or {full}


def _taken(agency: str, score: float, basis: str) -> Match:
    return Match(MatchStatus.MATCHED, agency=agency, score=score, basis=basis)


_FILE_NOISE = re.compile(r"\.[A-Za-z0-9]{1,5}$|\d{4}\s*年度?|年度|政府信息公开工作年度报告|政府信息公开|年报|报告|[_\-\s\d]+")


def _filename_name(filename: str) -> str:
    stem = filename.replace("\\", "/").rsplit("/", 1)[-1]
    return _FILE_NOISE.sub("", stem)


def agency_of(registry: Registry, name: str) -> RegistryAgency | None:
    """The registry entry of a matched name (a convenience for callers holding a Match)."""
    return registry.get(name)
