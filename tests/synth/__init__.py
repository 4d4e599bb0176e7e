"""Synthetic annual reports with real numbers, and renderers into every layout seen in the wild.

Test helpers only (not product writers): ``generate`` builds ``Report`` objects, ``layouts``
prints them the way published reports arrive, ``strategies`` wraps both for hypothesis. The
benchmark imports this package too (``benchmarks/parse_check.py`` puts ``tests/`` on sys.path).
"""
