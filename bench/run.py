"""`python bench/run.py …` is `python -m bench.runner …` (see bench/runner.py)."""

import sys
from pathlib import Path

if __name__ == "__main__":
    sys.path[0] = str(Path(__file__).resolve().parent.parent)  # the repository, not bench/, so `bench` imports
    from bench.runner import main

    sys.exit(main())
