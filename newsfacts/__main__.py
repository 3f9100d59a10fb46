"""`python -m newsfacts`: the `newsfacts` command (flows/cli.py). The package's entry point is an
edge like the console script, the one module of the core that may reach the flows."""

import sys

from flows.cli import main

sys.exit(main())
