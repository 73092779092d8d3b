import sys

from voting.definition import definition
from wsis_common.cli import main

sys.exit(main(definition))
