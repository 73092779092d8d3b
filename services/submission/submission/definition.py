"""What the shared runtime needs to know about this service."""

from submission import models
from submission.events import handlers
from submission.jobs import jobs
from submission.service.seed import seed
from wsis_common.definition import ServiceDefinition

definition = ServiceDefinition.declare(
    "submission", title="WSIS Prizes: submission service", models=models, handlers=handlers, jobs=jobs,
    commands={"seed": ("load the 2018 and 2023 editions shipped with the service", seed)})
