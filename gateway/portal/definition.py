"""What the shared runtime needs to know about the gateway app."""

from portal import models
from portal.events import handlers
from portal.jobs import jobs
from portal.service.commands import create_admin
from wsis_common.definition import ServiceDefinition

definition = ServiceDefinition.declare(
    "gateway", title="WSIS Prizes: gateway (accounts, tokens, pages)", models=models,
    handlers=handlers, jobs=jobs,
    commands={"create-admin": ("create an admin account (the first one)", create_admin)})
