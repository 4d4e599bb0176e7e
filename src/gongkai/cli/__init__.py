"""The ``gongkai`` command line: thin Typer commands over ``gongkai.api`` (see ``main.py``)."""
