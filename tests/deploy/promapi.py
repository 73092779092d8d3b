"""Prometheus' HTTP API as an operator reads it (through the published port): the scrape
targets and their health, and instant queries."""

from __future__ import annotations

from typing import Any

import requests


class Prometheus:
    def __init__(self, url: str) -> None:
        self.url = url.rstrip("/")

    def _get(self, path: str, **params: str) -> Any:
        answer = requests.get(f"{self.url}{path}", params=params, timeout=10)
        answer.raise_for_status()
        body = answer.json()
        if body.get("status") != "success":
            raise RuntimeError(f"{path}: {body}")
        return body["data"]

    def targets(self) -> list[dict[str, Any]]:
        """The active targets: each with `labels` (instance, process, job ...) and `health`."""
        return self._get("/api/v1/targets", state="active")["activeTargets"]

    def query(self, promql: str) -> list[tuple[dict[str, str], float]]:
        """An instant query's vector: (labels, value) per series."""
        data = self._get("/api/v1/query", query=promql)
        if data["resultType"] != "vector":
            raise RuntimeError(f"{promql}: a {data['resultType']}, not a vector")
        return [(series["metric"], float(series["value"][1])) for series in data["result"]]
