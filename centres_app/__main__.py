"""`python -m centres_app` runs the same entry point as the `centres-app` command."""

import sys

from centres_app.cli import main

sys.exit(main())
