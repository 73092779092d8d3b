"""What the shared runtime needs to know about this service."""

from notify import models
from notify.events import handlers
from notify.jobs import jobs
from wsis_common.definition import ServiceDefinition

definition = ServiceDefinition.declare(
    "notify", title="WSIS Prizes: notify service", models=models, handlers=handlers, jobs=jobs)
