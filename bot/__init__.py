"""Paved's bot service: the feedback API, the answering endpoint and the Slack app, all
sharing one store. Importing this package does no work; start it with ``paved bot``."""
