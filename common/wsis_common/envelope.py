"""The event envelope, the same for every event (ARCHITECTURE.md)."""

from __future__ import annotations

import json
import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

from wsis_common.clock import clock

ENVELOPE_VERSION = 1


class MalformedEnvelope(ValueError):
    """A message that is not an envelope: it can never be handled."""


@dataclass(frozen=True)
class Envelope:
    type: str
    producer: str
    payload: dict[str, Any]
    edition: int | None = None
    id: str = field(default_factory=lambda: str(uuid.uuid4()))
    occurred_at: str = field(default_factory=lambda: clock.now().isoformat())
    version: int = ENVELOPE_VERSION

    @property
    def routing_key(self) -> str:
        return self.type

    def occurred(self) -> datetime:
        return datetime.fromisoformat(self.occurred_at)

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"), default=str)

    @classmethod
    def from_json(cls, raw: bytes | str) -> Envelope:
        try:
            data = json.loads(raw)
            return cls(
                id=str(data["id"]),
                type=str(data["type"]),
                occurred_at=str(data["occurred_at"]),
                producer=str(data["producer"]),
                edition=data.get("edition"),
                payload=dict(data["payload"]),
                version=int(data.get("version", ENVELOPE_VERSION)),
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise MalformedEnvelope(str(exc)) from exc
