"""What the shared runtime needs to know about this service."""

from review import models
from review.events import handlers
from review.jobs import jobs
from wsis_common.definition import ServiceDefinition

definition = ServiceDefinition.declare(
    "review", title="WSIS Prizes: review service", models=models, handlers=handlers, jobs=jobs)
