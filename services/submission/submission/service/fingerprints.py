"""Stored MinHash fingerprints and their LSH bands: add one, and find the stored texts that
are near-duplicates of a new one with a few index look-ups (the cost does not grow with the
number stored, only with the number of candidates that share a band)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from submission.domain import similarity
from submission.models import Fingerprint, FingerprintBand

WINNERS = "winners"


def edition_scope(year: int) -> str:
    return f"edition:{year}"


@dataclass(frozen=True)
class Match:
    submission_id: str | None
    title: str
    label: str
    similarity: float


def add(session: Session, *, scope: str, sig: np.ndarray, title: str, label: str,
        submission_id: str | None = None) -> None:
    fingerprint = Fingerprint(scope=scope, submission_id=submission_id, title=title, label=label,
                              signature=similarity.to_bytes(sig))
    session.add(fingerprint)
    session.flush()
    # One multi-row INSERT for the 64 bands rather than 64 ORM objects.
    session.execute(insert(FingerprintBand), [
        {"fingerprint_id": fingerprint.id, "band": band, "scope": scope, "hash": value}
        for band, value in similarity.bands(sig)])


def find_similar(session: Session, *, scopes: list[str], sig: np.ndarray,
                 threshold: float = similarity.DUPLICATE_THRESHOLD) -> list[Match]:
    candidates = session.scalars(
        select(FingerprintBand.fingerprint_id).distinct().where(
            FingerprintBand.scope.in_(scopes),
            FingerprintBand.hash.in_([key for _band, key in similarity.bands(sig)]),
        )
    ).all()
    if not candidates:
        return []
    matches = []
    for fingerprint in session.scalars(select(Fingerprint).where(Fingerprint.id.in_(candidates))):
        score = similarity.similarity(sig, similarity.from_bytes(fingerprint.signature))
        if score >= threshold:
            matches.append(Match(fingerprint.submission_id, fingerprint.title, fingerprint.label, score))
    return sorted(matches, key=lambda m: -m.similarity)


def remove_submission(session: Session, submission_id: str, scope: str) -> None:
    ids = select(Fingerprint.id).where(Fingerprint.submission_id == submission_id,
                                       Fingerprint.scope == scope)
    session.execute(delete(FingerprintBand).where(FingerprintBand.fingerprint_id.in_(ids)))
    session.execute(delete(Fingerprint).where(Fingerprint.submission_id == submission_id,
                                              Fingerprint.scope == scope))
