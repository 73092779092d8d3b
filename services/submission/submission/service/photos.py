"""The project photo of forms that ask for one: checked to be a real image within the size
limit, stored with the submission, and served back."""

from __future__ import annotations

import io

from PIL import Image, UnidentifiedImageError

from submission.domain.form import FormTemplate
from submission.models import Photo
from submission.service.editions import get_edition
from submission.service.submissions import _open_window, _owned
from wsis_common.auth import Principal
from wsis_common.context import ServiceContext
from wsis_common.problems import Problem

FORMATS = {"JPEG": "image/jpeg", "PNG": "image/png", "WEBP": "image/webp"}
MAX_PIXELS = 40_000_000  # beyond this an upload is a decompression bomb, not a photo


def attach(ctx: ServiceContext, submission_id: str, principal: Principal, data: bytes) -> dict[str, object]:
    with ctx.db.transaction() as session:
        sub = _owned(session, submission_id, principal, lock=True)
        if sub.status != "draft":
            raise Problem(409, "A photo is added to a draft, before it is submitted.")
        edition = get_edition(session, sub.year)
        _open_window(edition)
        rule = FormTemplate.from_data(edition.form).photo
        if rule is None:
            raise Problem(422, "This edition's form has no photo.", errors={"photo": ["Not asked for."]})
        content_type, width, height = _check_image(data, rule.max_bytes)
        photo = session.get(Photo, sub.id) or Photo(submission_id=sub.id)
        photo.content_type, photo.data, photo.width, photo.height = content_type, data, width, height
        session.add(photo)
        return {"content_type": content_type, "width": width, "height": height, "bytes": len(data)}


def read(ctx: ServiceContext, submission_id: str, principal: Principal) -> tuple[bytes, str]:
    with ctx.db.sessions() as session:
        _owned(session, submission_id, principal)
        photo = session.get(Photo, submission_id)
        if photo is None:
            raise Problem(404, "This submission has no photo.")
        return photo.data, photo.content_type


def _check_image(data: bytes, max_bytes: int) -> tuple[str, int, int]:
    if not data:
        raise Problem(422, "The photo is empty.", errors={"photo": ["The file is empty."]})
    if len(data) > max_bytes:
        raise Problem(422, "The photo is too large.", errors={"photo": [
            f"The file has {len(data):,} bytes; the limit is {max_bytes:,}."]})
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()  # checks the file's structure without decoding every pixel
            kind, (width, height) = image.format, image.size
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError) as exc:
        raise Problem(422, "The photo is not an image.", errors={"photo": [
            "The file is not a readable JPEG, PNG or WebP image."]}) from exc
    if kind not in FORMATS:
        raise Problem(422, "Unsupported image format.", errors={"photo": [
            f"{kind} images are not accepted; send JPEG, PNG or WebP."]})
    if width * height > MAX_PIXELS:
        raise Problem(422, "The photo is too large.", errors={"photo": [
            f"{width}x{height} pixels is more than a photo needs."]})
    return FORMATS[kind], width, height
