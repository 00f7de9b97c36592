"""`python -m etp.pipeline`: see etp.pipeline.cli."""

import sys

from etp.pipeline.cli import main

sys.exit(main())
