"""Readers: any published report (text, Markdown, HTML, DOCX, PDF, YAML source) → Report.

Format readers (``formats/``) build a Document; ``extract`` turns every Document into a Report
with the same rules, so that a fix to reading one layout helps every format.
"""
