"""Every service's OpenAPI document at one address, in a browsable Swagger UI served from the
swagger-ui-py package (Swagger UI 5, which reads the OpenAPI 3.1 documents flask-smorest
writes; no CDN: the page works on a closed network). nginx serves each
service's document at /openapi/<service>.json; this page lists them in one drop-down. The page
has no inline script (its start is /api/docs/init.js), so the edge's Content-Security-Policy
allows scripts from this site only. Two changes for axe-core: a style sheet of ours darkens the
colours under WCAG AA's contrast, and deepLinking is off (its links sat inside each operation's
button: nested interactive controls)."""

from __future__ import annotations

import json

from flask import Blueprint, Response, send_from_directory
from swagger_ui.utils import SWAGGER_UI_PY_ROOT

bp = Blueprint("apidocs", __name__)
STATIC = SWAGGER_UI_PY_ROOT / "static"
SERVICES = ("submission", "voting", "review", "notify", "gateway")

_PAGE = """<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <title>WSIS Prizes API</title>
  <link rel="stylesheet" href="/api/docs/static/swagger-ui.css">
  <link rel="stylesheet" href="/static/css/api-docs.css">
</head>
<body>
  <main><h1 class="visually-hidden">WSIS Prizes API</h1><div id="swagger-ui"></div></main>
  <noscript><ul>{links}</ul></noscript>
  <script src="/api/docs/static/swagger-ui-bundle.js"></script>
  <script src="/api/docs/static/swagger-ui-standalone-preset.js"></script>
  <script src="/api/docs/init.js"></script>
</body>
</html>
"""


@bp.get("/api/docs")
def docs() -> Response:
    links = "".join(f'<li><a href="{u["url"]}">{u["name"]}</a></li>' for u in _urls())
    return Response(_PAGE.format(links=links), mimetype="text/html")


_INIT = """window.ui = SwaggerUIBundle({
  urls: %s, dom_id: "#swagger-ui", deepLinking: false,
  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: "StandaloneLayout"
});
"""


def _urls() -> list[dict[str, str]]:
    return [{"url": f"/openapi/{name}.json", "name": name} for name in SERVICES]


@bp.get("/api/docs/init.js")
def init_script() -> Response:
    return Response(_INIT % json.dumps(_urls()), mimetype="text/javascript")


@bp.get("/api/docs/static/<path:filename>")
def static(filename: str) -> Response:
    return send_from_directory(STATIC, filename, max_age=86400)
