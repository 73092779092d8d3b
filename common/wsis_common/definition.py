"""What the shared runtime needs to know about one service: its name, tables, migrations,
event handlers and periodic jobs. Each service declares one `ServiceDefinition`."""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

from sqlalchemy import MetaData

from wsis_common.config import Settings
from wsis_common.consumer import Handler
from wsis_common.context import ServiceContext
from wsis_common.messaging import MessageTables
from wsis_common.revocations import TokenRevocations
from wsis_common.worker import PeriodicJob


def _no_handlers(_ctx: ServiceContext) -> Mapping[str, Handler]:
    return {}


def _no_jobs(_ctx: ServiceContext) -> Iterable[PeriodicJob]:
    return ()


@dataclass(frozen=True)
class ServiceDefinition:
    name: str
    package: str  # the Python package (Flask finds templates relative to it)
    migrations_dir: Path
    metadata: MetaData
    tables: MessageTables
    title: str
    # Its `token_revocations` table, when it verifies tokens: `authenticate()` then refuses
    # the tokens a password change ended (bind `account.credentials_changed` to its `store`).
    revocations: TokenRevocations | None = None
    handlers: Callable[[ServiceContext], Mapping[str, Handler]] = field(default=_no_handlers)
    jobs: Callable[[ServiceContext], Iterable[PeriodicJob]] = field(default=_no_jobs)
    # extra `python -m <service> NAME ARGS...` commands: NAME -> (help, run(context, args) -> exit code)
    commands: Mapping[str, tuple[str, Callable[[ServiceContext, list[str]], int]]] = field(
        default_factory=dict)

    @classmethod
    def declare(cls, name: str, *, title: str, models: ModuleType,
                handlers: Callable[[ServiceContext], Mapping[str, Handler]],
                jobs: Callable[[ServiceContext], Iterable[PeriodicJob]],
                commands: Mapping[str, tuple[str, Callable[[ServiceContext, list[str]], int]]]
                | None = None) -> ServiceDefinition:
        """A service in the one shape: its package is its models module's (`<package>.models`),
        its migrations in `<package>/migrations`, and its tables those the models module
        declares as every service does (`Base`, `messages`, `revocations`)."""
        package = models.__name__.split(".")[0]
        root = Path(str(importlib.import_module(package).__file__)).parent
        return cls(name=name, package=package, title=title, migrations_dir=root / "migrations",
                   metadata=models.Base.metadata, tables=models.messages,
                   revocations=models.revocations, handlers=handlers, jobs=jobs,
                   commands=dict(commands or {}))

    def context(self, settings: Settings | None = None) -> ServiceContext:
        return ServiceContext.build(settings or Settings.from_env(self.name), self.tables,
                                    revocations=self.revocations)


