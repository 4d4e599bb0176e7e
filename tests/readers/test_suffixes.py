"""The one list of report file names, held to the registered readers."""

from __future__ import annotations

from pathlib import Path

from gongkai import plugins
from gongkai.cli.inputs import expand
from gongkai.readers.suffixes import REPORT_SUFFIXES

_NEED_LIBREOFFICE = {".doc", ".wps", ".dot", ".rtf"}  # read when named, not picked from folders


def test_every_listed_suffix_has_a_reader_and_every_reader_is_listed() -> None:
    claimed = {suffix for reader in plugins.readers() for suffix in getattr(reader, "extensions", ())}
    assert set(REPORT_SUFFIXES) <= claimed
    assert claimed - set(REPORT_SUFFIXES) - _NEED_LIBREOFFICE == {".dotx", ".jhtml"}


def test_a_folder_gives_saved_web_pages_too(tmp_path: Path) -> None:
    for name in ("a.mhtml", "b.MHT", "c.txt", "d.png"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    assert [Path(o.path).name for o in expand([str(tmp_path)])] == ["a.mhtml", "b.MHT", "c.txt"]
