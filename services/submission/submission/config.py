"""The submission service's own settings: none. Everything it reads from the environment
(database, broker, token keys, the worker's timings) is wsis_common.config's `Settings`; its
rules' parameters are the edition's data (dates, the questionnaire), changed through the API."""
