"""``python -m gongkai`` runs the command line, like the ``gongkai`` console script."""

from gongkai.cli.main import main

if __name__ == "__main__":
    main()
