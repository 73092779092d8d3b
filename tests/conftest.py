"""Every test folder's shared plumbing comes from one plugin: tests/harness/plugin.py (the run's
infrastructure, fresh databases and vhosts, publishing an event, whole stacks)."""

pytest_plugins = ["tests.harness.plugin"]
