"""The whole platform as local processes on loopback ports: `make run` and the end-to-end
tests both start it through `Stack`. For each app: migrations, gunicorn, a worker; then nginx
in front. Docker is not needed (docker-compose.yml is the containerised equivalent)."""
