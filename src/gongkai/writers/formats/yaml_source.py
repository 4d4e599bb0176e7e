"""YAML: the editable authoring source (gongkai/source@1), so that any report read — including an
old published one — becomes data a clerk can correct and render again.

Unlike the document writers it never refuses a report whose arithmetic fails: the source is where
the clerk fixes it, and ``gongkai check`` on the file names the cells.
"""

from __future__ import annotations

from gongkai.model.report import Report
from gongkai.writers.source import source_yaml


class YamlSourceWriter:
    name = "yaml"
    extension = ".yaml"
    media_type = "application/yaml; charset=utf-8"

    def write(self, report: Report, *, force: bool = False) -> bytes:
        del force  # nothing to refuse: see the module docstring
        return source_yaml(report).encode("utf-8")


WRITERS = [YamlSourceWriter()]
