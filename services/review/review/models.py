"""The review service's tables."""

from sqlalchemy.orm import DeclarativeBase

from wsis_common.editions import EditionCopies
from wsis_common.messaging import MessageTables


class Base(DeclarativeBase):
    pass


messages = MessageTables(Base.metadata)
editions = EditionCopies(Base.metadata)
