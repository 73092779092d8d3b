import sys

from submission.definition import definition
from wsis_common.cli import main

sys.exit(main(definition))
