"""Near-duplicate detection: MinHash signatures (datasketch) over word 3-shingles, banded
for locality-sensitive hashing so that finding candidates is an index look-up, not a scan.

Two submissions are the same project when the estimated Jaccard similarity of their texts
(title and every long answer) is at least DUPLICATE_THRESHOLD = 0.3. Word 3-shingles are
strict: changing one word in six leaves a similarity of about 0.3, keeping half the text
about 0.5, while independent texts on the same topics score under 0.05 (see
tests/submission/test_duplicates.py for the corpus). Banding (64 bands of 2 rows) makes a pair
at the threshold a candidate with probability 1 - (1 - 0.3**2)**64 > 0.997, while unrelated
texts share a band rarely, so the candidates to verify stay few however many are stored.
"""

from __future__ import annotations

import hashlib
import struct
from collections.abc import Iterable

import numpy as np
from datasketch import MinHash

from wsis_common.text import fold

NUM_PERM = 128
BANDS = 64
ROWS = NUM_PERM // BANDS
DUPLICATE_THRESHOLD = 0.3
SHINGLE = 3
_SEED = 20031210  # fixed, so signatures stored years apart stay comparable


def shingles(text: str) -> set[bytes]:
    tokens = fold(text).split()
    if len(tokens) < SHINGLE:
        return {" ".join(tokens).encode()} if tokens else set()
    return {" ".join(tokens[i:i + SHINGLE]).encode() for i in range(len(tokens) - SHINGLE + 1)}


def signature(text: str) -> np.ndarray:
    minhash = MinHash(num_perm=NUM_PERM, seed=_SEED)
    minhash.update_batch(list(shingles(text)))
    return minhash.hashvalues.astype(np.uint64)


def to_bytes(sig: np.ndarray) -> bytes:
    return sig.astype("<u8").tobytes()


def from_bytes(raw: bytes) -> np.ndarray:
    return np.frombuffer(raw, dtype="<u8")


def bands(sig: np.ndarray) -> list[tuple[int, int]]:
    """(band number, band key) pairs. The key hashes the band number with its rows, so one
    indexed column finds every candidate; it fits a signed 64-bit column."""
    out = []
    for band in range(BANDS):
        chunk = band.to_bytes(2, "little") + sig[band * ROWS:(band + 1) * ROWS].astype("<u8").tobytes()
        digest = hashlib.blake2b(chunk, digest_size=8).digest()
        out.append((band, struct.unpack("<q", digest)[0]))
    return out


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of the two texts behind the signatures."""
    return float(np.count_nonzero(a == b)) / len(a)


def project_text(title: str, answers: Iterable[str]) -> str:
    return "\n".join([title, *answers])
