"""The review service's command line: `python -m review migrate | worker | ...` (wsis_common.cli
holds the commands; the review service adds none of its own)."""

import sys

from review.definition import definition
from wsis_common.cli import main

sys.exit(main(definition))
