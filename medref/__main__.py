"""`python -m medref COMMAND ...`: see medref/cli.py."""

import sys

from medref.cli import main

sys.exit(main())
