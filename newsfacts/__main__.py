import sys

from newsfacts.cli import main

sys.exit(main())
