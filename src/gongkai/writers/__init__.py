"""Writers: a Report rendered as an official-looking DOCX, PDF, HTML or Markdown document, or as the
editable YAML source. One module per format in ``gongkai.writers.formats`` exports ``WRITERS``.
"""

from gongkai.writers.base import Writer, get_writer, render

__all__ = ["Writer", "get_writer", "render"]
