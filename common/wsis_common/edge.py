"""What the edge (nginx in front of every app: gateway/nginx/gateway.conf.template) is set to
wherever the platform runs: the per-address limits and how long an anonymous vote page is served
from nginx's cache. Here, and not in the local stack, because two ways of running read them: the
local stack (devstack/stack.py) fills the template with them, and so does the Kubernetes rendering
(deploy/render_nginx_config.py), which must not depend on the local stack; docker-compose.yml
repeats them as its defaults."""

from __future__ import annotations

# Per-address limits at the edge (the local stack: override through the environment or
# Stack.extra_env).
NGINX_RATE_LIMITS = {
    "VOTE_RATE_PER_ADDRESS": "20r/s",
    "VOTE_BURST": "40",
    "LOGIN_RATE_PER_ADDRESS": "2r/s",
    "REGISTER_RATE_PER_ADDRESS": "1r/s",
    "TRUSTED_APP_ADDRESSES": "127.0.0.1",  # where the gateway app runs (the local stack's)
}
# How long nginx serves an anonymous vote page from its cache: the voting service's own ballot
# cache is 1 s, so a changed ballot or edition shows within about as long.
PAGE_CACHE_SECONDS = "1"
