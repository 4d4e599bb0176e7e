"""The region's agencies: who must report, of what kind, under whom, by when.

A supervisor's review starts from this list: an agency absent from it is outside the region (its
report is *unmatched*), an agency in it without a report is *missing*. The registry is plain data
(``RegistryAgency``) so that the command line reads it from a spreadsheet and the web stage maps
it onto the ledger's agency rows without either knowing the other.

Deadlines come from 条例第四十九条: a department reports by 1月31日, the people's government's own
(本级政府) report is due by 3月31日; townships have no statutory date and local notices usually
give them the departments' one. Any agency may carry its own deadline (报告期限 column).

Import (``load_registry``): CSV (UTF-8, UTF-8 with BOM or GBK) or XLSX with a header row holding
at least 机关名称 and 类别; optional 上级机关, 门户网址, 报告期限, 简称 (other names the agency
prints, separated by 、 or ;), 使用台账 (是/否: the agency keeps its ledger in gongkai, or only
publishes its report). Every bad row is reported at once, each naming its row, in one
``RegistryRejected`` error naming the file.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import StrEnum
from pathlib import Path
from urllib.parse import urlsplit

from gongkai.errors import InputError, Unreadable
from gongkai.readers.safety import open_zip
from gongkai.settings import Settings

MAX_REGISTRY_BYTES = 20 * 1024 * 1024
HEADER_SEARCH_ROWS = 10


class RegistryRejected(InputError):
    """A registry file with bad rows; ``rows`` holds (row number, problem) for each of them."""

    def __init__(self, message: str, *, path: str | None = None, rows: Sequence[tuple[int, str]] = ()) -> None:
        super().__init__(message, path=path, message_en="the agency registry has bad rows")
        self.rows = list(rows)


class AgencyKind(StrEnum):
    """The four kinds a region's office distinguishes (values are what users type and see)."""

    GOVERNMENT = "政府"
    DEPARTMENT = "部门"
    TOWNSHIP = "乡镇街道"
    OTHER = "其他"


#: What people write in the 类别 column, normalised (spaces and brackets removed first).
KIND_ALIASES: dict[str, AgencyKind] = {
    "政府": AgencyKind.GOVERNMENT, "人民政府": AgencyKind.GOVERNMENT, "本级政府": AgencyKind.GOVERNMENT,
    "government": AgencyKind.GOVERNMENT,
    "部门": AgencyKind.DEPARTMENT, "政府部门": AgencyKind.DEPARTMENT, "工作部门": AgencyKind.DEPARTMENT,
    "department": AgencyKind.DEPARTMENT,
    "乡镇街道": AgencyKind.TOWNSHIP, "乡镇": AgencyKind.TOWNSHIP, "街道": AgencyKind.TOWNSHIP,
    "乡镇街道办事处": AgencyKind.TOWNSHIP, "乡镇人民政府": AgencyKind.TOWNSHIP, "乡镇政府": AgencyKind.TOWNSHIP,
    "乡镇（街道）": AgencyKind.TOWNSHIP, "乡镇(街道)": AgencyKind.TOWNSHIP, "乡": AgencyKind.TOWNSHIP,
    "镇": AgencyKind.TOWNSHIP, "township": AgencyKind.TOWNSHIP,
    "其他": AgencyKind.OTHER, "其它": AgencyKind.OTHER, "other": AgencyKind.OTHER,
}

#: (month, day) of the year after the report year, by kind (条例第四十九条; townships by local notice).
DEFAULT_DEADLINES: dict[AgencyKind, tuple[int, int]] = {
    AgencyKind.GOVERNMENT: (3, 31),
    AgencyKind.DEPARTMENT: (1, 31),
    AgencyKind.TOWNSHIP: (1, 31),
    AgencyKind.OTHER: (1, 31),
}

#: Header spellings accepted for each field; the first is the canonical one.
COLUMNS: dict[str, tuple[str, ...]] = {
    "name": ("机关名称", "单位名称", "机关", "名称", "单位"),
    "kind": ("类别", "类型", "机关类别", "单位类别"),
    "parent": ("上级机关", "上级单位", "上级"),
    "portal": ("门户网址", "网址", "门户网站", "网站"),
    "deadline": ("报告期限", "期限", "报送期限"),
    "aliases": ("简称", "别名", "其他名称"),
    "ledger": ("使用台账", "台账", "在本系统记台账"),
}
_YES = {"是", "有", "使用", "y", "yes", "true", "1", "√", "✓"}
_NO = {"否", "无", "不使用", "n", "no", "false", "0", ""}
REQUIRED = ("name", "kind")


@dataclass(frozen=True, slots=True)
class RegistryAgency:
    """One agency of the region. ``deadline`` overrides the kind's (month, day) when set."""

    name: str
    kind: AgencyKind
    parent: str | None = None
    portal: str | None = None
    deadline: tuple[int, int] | None = None
    aliases: tuple[str, ...] = ()
    row: int | None = None  # the row it came from, for messages
    uses_ledger: bool = False  # keeps its request ledger in gongkai (else it only publishes its report)

    @property
    def portal_host(self) -> str | None:
        return host_of(self.portal)

    def due(self, year: int, defaults: Mapping[AgencyKind, tuple[int, int]] = DEFAULT_DEADLINES) -> date:
        """The last day to report on ``year`` (a date in the following year)."""
        month, day = self.deadline or defaults[self.kind]
        return date(year + 1, month, day)


@dataclass
class Registry:
    """The agencies in file order, looked up by exact name."""

    agencies: list[RegistryAgency]
    source: str | None = None
    deadlines: dict[AgencyKind, tuple[int, int]] = field(default_factory=lambda: dict(DEFAULT_DEADLINES))

    def __post_init__(self) -> None:
        self._by_name = {a.name: a for a in self.agencies}

    def __iter__(self) -> Iterator[RegistryAgency]:
        return iter(self.agencies)

    def __len__(self) -> int:
        return len(self.agencies)

    def __contains__(self, name: object) -> bool:
        return name in self._by_name

    def get(self, name: str) -> RegistryAgency | None:
        return self._by_name.get(name)

    def children(self, name: str) -> list[RegistryAgency]:
        return [a for a in self.agencies if a.parent == name]

    def roots(self) -> list[RegistryAgency]:
        return [a for a in self.agencies if a.parent is None]

    def due(self, name: str, year: int) -> date:
        return self._by_name[name].due(year, self.deadlines)


def deadlines_from(settings: Settings) -> dict[AgencyKind, tuple[int, int]]:
    """The kinds' deadlines as configured (GONGKAI_DEADLINE_*), the same the ``dates.published``
    rule uses, so the board and the audit never disagree on who is late."""
    return {AgencyKind.GOVERNMENT: settings.deadline_government, AgencyKind.DEPARTMENT: settings.deadline_department,
            AgencyKind.TOWNSHIP: settings.deadline_township, AgencyKind.OTHER: settings.deadline_department}


def host_of(url: str | None) -> str | None:
    """The lower-case host of a URL ("www." dropped), also for addresses typed without a scheme."""
    if not url:
        return None
    text = url.strip()
    if "://" not in text:
        text = "http://" + text
    try:
        host = urlsplit(text).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.lower()
    return host[4:] if host.startswith("www.") else host


# -- parsing one row ----------------------------------------------------------------------------

_SPACES = re.compile(r"\s+")
_DEADLINE_MD = re.compile(r"^(?:(\d{4})\s*[年\-/.])?\s*(\d{1,2})\s*[月\-/.]\s*(\d{1,2})\s*日?$")


def parse_kind(text: str) -> AgencyKind | None:
    plain = _SPACES.sub("", text)
    return KIND_ALIASES.get(plain) or KIND_ALIASES.get(plain.lower())


def parse_deadline(value: object) -> tuple[int, int] | None:
    """(month, day) from "1月31日", "01-31", "2025-01-31" or a spreadsheet date; None if unreadable."""
    if isinstance(value, datetime | date):
        return value.month, value.day
    m = _DEADLINE_MD.match(_SPACES.sub("", str(value)))
    if not m:
        return None
    month, day = int(m.group(2)), int(m.group(3))
    try:
        date(2024, month, day)  # a leap year: 2月29日 is a valid deadline in some years
    except ValueError:
        return None
    return month, day


def _text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _SPACES.sub(" ", str(value)).strip()


def _aliases(text: str) -> tuple[str, ...]:
    return tuple(p.strip() for p in re.split(r"[、;；,，/]", text) if p.strip())


def registry_from_rows(rows: Iterable[tuple[int, Mapping[str, object]]], *, source: str | None = None,
                       known_parents: Collection[str] = ()) -> Registry:
    """Build a registry from (row number, {field: value}) pairs, fields as in ``COLUMNS``.

    ``known_parents``: agencies that exist outside the file (the web stage imports a file into a
    region it already holds), so a row may name one of them as its 上级机关.

    Blank rows are skipped; every other problem is collected and raised together.
    """
    problems: list[tuple[int, str]] = []
    agencies: list[RegistryAgency] = []
    seen: dict[str, int] = {}
    for number, raw in rows:
        values = {k: _text(raw.get(k)) for k in COLUMNS}
        if not any(values.values()):
            continue
        name = values["name"].replace(" ", "")
        if not name:
            problems.append((number, "机关名称为空"))
            continue
        if name in seen:
            problems.append((number, f"机关名称“{name}”与第 {seen[name]} 行重复"))
            continue
        seen[name] = number
        kind = parse_kind(values["kind"]) if values["kind"] else None
        if kind is None:
            problems.append((number, f"类别“{values['kind']}”无法识别（应为 政府、部门、乡镇街道 或 其他）"
                             if values["kind"] else "类别为空（应为 政府、部门、乡镇街道 或 其他）"))
            continue
        deadline = None
        raw_deadline = raw.get("deadline")
        if values["deadline"]:
            deadline = parse_deadline(raw_deadline)
            if deadline is None:
                problems.append((number, f"报告期限“{values['deadline']}”无法识别（例如 1月31日）"))
                continue
        portal = values["portal"] or None
        if portal and host_of(portal) is None:
            problems.append((number, f"门户网址“{portal}”不是有效的网址"))
            continue
        ledger = values["ledger"].lower()
        if ledger not in _YES | _NO:
            problems.append((number, f"使用台账“{values['ledger']}”应为 是 或 否"))
            continue
        agencies.append(RegistryAgency(name, kind, values["parent"].replace(" ", "") or None, portal, deadline,
                                       _aliases(values["aliases"]), number, ledger in _YES))
    names = {a.name for a in agencies}
    for agency in agencies:
        if agency.parent is not None and agency.parent not in names and agency.parent not in seen \
                and agency.parent not in known_parents:
            problems.append((agency.row or 0, f"上级机关“{agency.parent}”不在名录中"))
    problems.extend(_cycles(agencies))
    if problems:
        problems.sort()
        shown = "；".join(f"第 {n} 行：{p}" for n, p in problems[:10])
        more = f"；另有 {len(problems) - 10} 处问题" if len(problems) > 10 else ""
        raise RegistryRejected(f"机关名录有 {len(problems)} 处问题，未导入：{shown}{more}", path=source, rows=problems)
    if not agencies:
        raise RegistryRejected("机关名录中没有任何机关", path=source)
    return Registry(agencies, source)


def _cycles(agencies: Sequence[RegistryAgency]) -> list[tuple[int, str]]:
    parent = {a.name: a.parent for a in agencies}
    out = []
    for agency in agencies:
        seen = {agency.name}
        current = agency.parent
        while current is not None and current in parent:
            if current in seen:
                out.append((agency.row or 0, f"上级机关关系出现循环（{agency.name} → … → {current}）"))
                break
            seen.add(current)
            current = parent[current]
    return out


# -- files --------------------------------------------------------------------------------------

def load_registry(path: str | Path, *, data: bytes | None = None, known_parents: Collection[str] = ()) -> Registry:
    """Read a registry from an .xlsx or .csv file (``data`` given: the file's bytes, e.g. an upload)."""
    shown = str(path)
    if data is None:
        p = Path(path)
        if not p.is_file():
            raise Unreadable("机关名录文件不存在或不是文件", path=shown, message_en="registry file not found")
        if p.stat().st_size > MAX_REGISTRY_BYTES:
            raise Unreadable("机关名录文件过大", path=shown, message_en="registry file too large")
        data = p.read_bytes()
    if not data.strip():
        raise Unreadable("机关名录文件是空的", path=shown, message_en="the registry file is empty")
    if data[:2] == b"PK":
        table = _xlsx_rows(data, shown)
    elif shown.lower().endswith((".xlsx", ".xlsm")):
        raise Unreadable("文件扩展名为 .xlsx，但内容不是 Excel 工作簿", path=shown, message_en="not an xlsx workbook")
    elif shown.lower().endswith(".xls"):
        raise Unreadable("不支持旧版 .xls 格式，请另存为 .xlsx 或 .csv 格式", path=shown, message_en=".xls is not supported")
    else:
        table = _csv_rows(data, shown)
    return registry_from_rows(_records(table, shown), source=shown, known_parents=known_parents)


def _csv_rows(data: bytes, path: str) -> list[list[object]]:
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:  # pragma: no cover - gb18030 decodes every byte string
        raise Unreadable("机关名录的文字编码无法识别", path=path, message_en="unknown encoding")
    if "\x00" in text:
        raise Unreadable("机关名录不是文本表格（CSV）或 Excel 工作簿", path=path, message_en="not a CSV or XLSX file")
    sample = text[:4096]
    delimiter = "\t" if sample.count("\t") > sample.count(",") else ","
    return [list(r) for r in csv.reader(io.StringIO(text), delimiter=delimiter)]


def _xlsx_rows(data: bytes, path: str) -> list[list[object]]:
    import openpyxl

    open_zip(data, path).close()  # zip-bomb and path checks before openpyxl inflates anything
    try:
        wb = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds for a damaged workbook
        raise Unreadable(f"无法打开 Excel 工作簿（{type(exc).__name__}）", path=path,
                         message_en=f"cannot open the workbook: {exc}") from exc
    try:
        sheet = wb.worksheets[0]
        return [list(r) for r in sheet.iter_rows(values_only=True)]
    finally:
        wb.close()


def _records(table: list[list[object]], path: str) -> Iterator[tuple[int, dict[str, object]]]:
    """Find the header row among the first rows, then yield (1-based row number, fields)."""
    columns: dict[str, int] | None = None
    index = 0
    for index, row in enumerate(table[:HEADER_SEARCH_ROWS]):  # noqa: B007 - index used after the loop
        columns = _header(row)
        if columns is not None:
            break
    if columns is None:
        raise RegistryRejected("机关名录缺少表头：至少需要“机关名称”和“类别”两列", path=path)
    missing = [COLUMNS[f][0] for f in REQUIRED if f not in columns]
    if missing:
        raise RegistryRejected(f"机关名录缺少“{'”“'.join(missing)}”列", path=path)
    for offset, row in enumerate(table[index + 1:], start=index + 2):
        yield offset, {f: (row[c] if c < len(row) else None) for f, c in columns.items()}


def _header(row: Sequence[object]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for position, cell in enumerate(row):
        label = _SPACES.sub("", _text(cell)).strip("*＊")
        for field_name, spellings in COLUMNS.items():
            if label in spellings and field_name not in columns:
                columns[field_name] = position
    return columns if "name" in columns else None
