from voting.models import Base
from wsis_common.migrations import run_env

run_env(Base.metadata)
