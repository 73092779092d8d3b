"""What the shared runtime needs to know about this service."""

from voting import models
from voting.events import handlers
from voting.jobs import jobs
from wsis_common.definition import ServiceDefinition

definition = ServiceDefinition.declare(
    "voting", title="WSIS Prizes: voting service", models=models, handlers=handlers, jobs=jobs)
