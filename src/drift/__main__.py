"""``python -m drift``: the ``drift`` command, for an environment whose scripts are not on PATH."""

import sys

from drift.cli.main import main

sys.exit(main())
