"""The bare Flask endpoint of `make bench-vote`: a constant, under the same gunicorn settings
and driven by the same script and concurrency as the vote, to measure this machine's limit."""

from flask import Flask

app = Flask(__name__)


@app.post("/api/v1/editions/<int:year>/votes")
def hello(year: int):
    return {"ok": True}, 201
