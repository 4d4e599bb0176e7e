"""Copied-text detection shared by the audit rules, supervision and the corpus.

One place decides what counts as a report's own words (template wording, headings, regulation
boilerplate and digits removed), so that a similarity figure means the same on every page.
"""
