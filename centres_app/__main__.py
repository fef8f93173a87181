"""`python -m centres_app` runs the same entry point as the `centres-app` command."""

import multiprocessing
import sys

if __name__ == "__main__":
    # The bundle's executable is also the child process that parses big imports
    # (exchange/pipeline.py, "spawn"): it must not run the app again there.
    multiprocessing.freeze_support()
    from centres_app.cli import main

    sys.exit(main())
