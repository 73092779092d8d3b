"""Stored fingerprints of accepted texts, and the look-up of near-duplicates of a new one.

Two signals, each found by index look-ups whose cost does not grow with the number stored:
the MinHash signature through its LSH bands (copies, light edits, reworded titles), and the
project's anchors (names, places, figures: a full paraphrase) through an inverted index in
which each anchor reads at most POSTINGS_CAP + 1 entries. An anchor found in more stored
texts than that ("Kenya", "2021") says nothing about which project this is, and is skipped.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import numpy as np
from sqlalchemy import bindparam, delete, insert, select, text
from sqlalchemy.dialects.postgresql import ARRAY
from sqlalchemy.orm import Session
from sqlalchemy.types import BigInteger, String

from submission.domain import anchors as anchor_rules
from submission.domain import similarity
from submission.models import Fingerprint, FingerprintAnchor, FingerprintBand

WINNERS = "winners"
POSTINGS_CAP = 64
CANDIDATE_MIN_SHARED = 2  # rare anchors in common before a stored text is compared in full

_POSTINGS = text("""
    SELECT a.hash, p.fingerprint_id
    FROM unnest(:hashes) AS a(hash)
    CROSS JOIN LATERAL (
        SELECT f.fingerprint_id FROM fingerprint_anchors f
        WHERE f.hash = a.hash AND f.scope = ANY(:scopes) LIMIT :limit) AS p
""").bindparams(bindparam("hashes", type_=ARRAY(BigInteger)), bindparam("scopes", type_=ARRAY(String)))


def edition_scope(year: int) -> str:
    return f"edition:{year}"


@dataclass(frozen=True)
class Signals:
    """What a text is compared by: its MinHash signature and its anchor keys."""

    sig: np.ndarray
    anchors: list[int] = field(default_factory=list)


def signals(project_text: str, *, organisation: str = "",
            same_organisation: list[str] | None = None) -> Signals:
    """The text's signals; anchors leave out the organisation's name and the sentences it
    shares with its other submissions (its "About us" paragraph)."""
    own = anchor_rules.strip_shared(project_text, same_organisation or [])
    return Signals(similarity.signature(project_text),
                   anchor_rules.hashes(anchor_rules.anchors(own, organisation=organisation)))


@dataclass(frozen=True)
class Match:
    submission_id: str | None
    title: str
    label: str
    similarity: float  # the stronger of the two signals' scores


def add(session: Session, *, scope: str, sig: Signals, title: str, label: str,
        submission_id: str | None = None) -> None:
    fingerprint = Fingerprint(scope=scope, submission_id=submission_id, title=title, label=label,
                              signature=similarity.to_bytes(sig.sig), anchors=_pack(sig.anchors))
    session.add(fingerprint)
    session.flush()
    # One multi-row INSERT each for the 64 bands and the anchors rather than ORM objects.
    session.execute(insert(FingerprintBand), [
        {"fingerprint_id": fingerprint.id, "band": band, "scope": scope, "hash": value}
        for band, value in similarity.bands(sig.sig)])
    if sig.anchors:
        session.execute(insert(FingerprintAnchor), [
            {"fingerprint_id": fingerprint.id, "scope": scope, "hash": value} for value in sig.anchors])


def find_similar(session: Session, *, scopes: list[str], sig: Signals,
                 threshold: float = similarity.DUPLICATE_THRESHOLD) -> list[Match]:
    candidates = _band_candidates(session, scopes, sig) | _anchor_candidates(session, scopes, sig)
    if not candidates:
        return []
    mine = set(sig.anchors)
    matches = []
    for fingerprint in session.scalars(select(Fingerprint).where(Fingerprint.id.in_(candidates))):
        wording = similarity.similarity(sig.sig, similarity.from_bytes(fingerprint.signature))
        theirs = set(_unpack(fingerprint.anchors))
        if wording >= threshold or anchor_rules.same_project(mine, theirs):
            score = max(wording, anchor_rules.overlap(mine, theirs)[1])
            matches.append(Match(fingerprint.submission_id, fingerprint.title, fingerprint.label, score))
    return sorted(matches, key=lambda m: -m.similarity)


def remove_submission(session: Session, submission_id: str, scope: str) -> None:
    ids = select(Fingerprint.id).where(Fingerprint.submission_id == submission_id,
                                       Fingerprint.scope == scope)
    session.execute(delete(FingerprintBand).where(FingerprintBand.fingerprint_id.in_(ids)))
    session.execute(delete(FingerprintAnchor).where(FingerprintAnchor.fingerprint_id.in_(ids)))
    session.execute(delete(Fingerprint).where(Fingerprint.submission_id == submission_id,
                                              Fingerprint.scope == scope))


def _band_candidates(session: Session, scopes: list[str], sig: Signals) -> set[int]:
    return set(session.scalars(
        select(FingerprintBand.fingerprint_id).distinct().where(
            FingerprintBand.scope.in_(scopes),
            FingerprintBand.hash.in_([key for _band, key in similarity.bands(sig.sig)]),
        )
    ))


def _anchor_candidates(session: Session, scopes: list[str], sig: Signals) -> set[int]:
    """Stored texts sharing CANDIDATE_MIN_SHARED rare anchors: at most
    len(anchors) * (POSTINGS_CAP + 1) index entries read, however many are stored."""
    if len(sig.anchors) < anchor_rules.MIN_SHARED:
        return set()
    rows = _postings(session, scopes, sig.anchors)
    per_anchor = Counter(h for h, _id in rows)
    shared = Counter(fid for h, fid in rows if per_anchor[h] <= POSTINGS_CAP)
    return {fid for fid, n in shared.items() if n >= CANDIDATE_MIN_SHARED}


def _postings(session: Session, scopes: list[str], hashes: list[int]) -> list[tuple[int, int]]:
    """(anchor, fingerprint) pairs, at most POSTINGS_CAP + 1 per anchor: one statement on
    PostgreSQL; one capped look-up per anchor elsewhere (SQLite, what `make run` uses)."""
    if session.get_bind().dialect.name == "postgresql":
        return [(h, fid) for h, fid in session.execute(
            _POSTINGS, {"hashes": hashes, "scopes": scopes, "limit": POSTINGS_CAP + 1})]
    rows: list[tuple[int, int]] = []
    for value in hashes:
        rows += [(value, fid) for fid in session.scalars(
            select(FingerprintAnchor.fingerprint_id)
            .where(FingerprintAnchor.hash == value, FingerprintAnchor.scope.in_(scopes))
            .limit(POSTINGS_CAP + 1))]
    return rows


def _pack(keys: list[int]) -> bytes:
    return np.asarray(keys, dtype="<i8").tobytes()


def _unpack(raw: bytes) -> list[int]:
    return np.frombuffer(raw, dtype="<i8").tolist() if raw else []
