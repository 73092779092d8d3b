"""The project photo of forms that ask for one: checked to be a real image within the size
limit, stored with the submission, and served back."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from submission.domain.form import FormTemplate
from submission.domain.reasons import reason
from submission.models import Photo
from submission.service.access import open_window, owned, refusal, refused
from submission.service.editions import get_edition
from wsis_common.auth import Principal
from wsis_common.context import ServiceContext
from wsis_common.problems import Problem

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_PIXELS = 40_000_000  # beyond this an upload is a decompression bomb, not a photo


def attach(ctx: ServiceContext, submission_id: str, principal: Principal, data: bytes) -> dict[str, object]:
    with ctx.db.transaction() as session:
        sub = owned(session, submission_id, principal, lock=True)
        if sub.status != "draft":
            raise refusal(409, reason("photo.not_draft"))
        edition = get_edition(session, sub.year)
        open_window(edition)
        rule = FormTemplate.from_data(edition.form).photo
        if rule is None:
            raise refused({"photo": [reason("photo.not_asked")]}, "This edition's form has no photo.")
        content_type, width, height = _check_image(data, rule.max_bytes)
        photo = session.get(Photo, sub.id) or Photo(submission_id=sub.id)
        photo.content_type, photo.data, photo.width, photo.height = content_type, data, width, height
        session.add(photo)
        return {"content_type": content_type, "width": width, "height": height, "bytes": len(data)}


def read(ctx: ServiceContext, submission_id: str, principal: Principal) -> tuple[bytes, str]:
    with ctx.db.sessions() as session:
        owned(session, submission_id, principal)
        photo = session.get(Photo, submission_id)
        if photo is None:
            raise Problem(404, "This submission has no photo.")
        return photo.data, photo.content_type


def _check_image(data: bytes, max_bytes: int) -> tuple[str, int, int]:
    if not data:
        raise _bad_photo("The photo is empty.", "photo.empty")
    if len(data) > max_bytes:
        raise _bad_photo("The photo is too large.", "photo.too_many_bytes", size=len(data), limit=max_bytes)
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()  # checks the file's structure without decoding every pixel
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise _bad_photo("The photo is not an image.", "photo.unreadable") from exc
    if kind not in FORMATS:
        raise _bad_photo("Unsupported image format.", "photo.format", format=kind)
    if width * height > MAX_PIXELS:
        raise _bad_photo("The photo is too large.", "photo.too_many_pixels", width=width, height=height)
    return FORMATS[kind], width, height


def _bad_photo(detail: str, code: str, **params: object) -> Problem:
    return refused({"photo": [reason(code, **params)]}, detail)
