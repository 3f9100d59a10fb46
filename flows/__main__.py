"""`python -m flows`: the `newsfacts` command without its console script."""

import sys

from flows.cli import main

sys.exit(main())
