"""The submission service's tables."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, DateTime, Integer
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from wsis_common.messaging import MessageTables


class Base(DeclarativeBase):
    pass


messages = MessageTables(Base.metadata)


class Edition(Base):
    __tablename__ = "editions"

    year: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    ordinal: Mapped[int] = mapped_column(Integer, nullable=False)
    revision: Mapped[int] = mapped_column(Integer, nullable=False, default=1)
    phases: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    parameters: Mapped[dict[str, Any]] = mapped_column(JSON, nullable=False)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), nullable=False)
