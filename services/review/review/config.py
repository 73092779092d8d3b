"""The review service's own settings: it has none. Everything it reads from the environment is
shared by every service and lives in wsis_common.config (the database and broker URLs, the
token key, the worker's timings); the review rules themselves (scale, reviewers per
submission, nominees per category, phase dates) are data of each edition, carried by
`edition.updated`, never configuration. This module exists so that every service has the
same shape: a setting of the review service's own would go here, as a frozen dataclass read
by `from_env()`."""
