"""``python -m caseorganizer.cli``: the same as ``caseorganizer-cli``."""

from caseorganizer.cli.main import run

if __name__ == "__main__":
    run()
