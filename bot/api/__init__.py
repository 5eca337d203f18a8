"""The bot service's plain HTTP API: page feedback from the portal's widget, questions
without Slack, and a health check. The browser cannot sign requests, so these routes
carry their own limits: allowed origins, body size, per-client rate and strict fields."""

from paved.bot.api.routes import api_routes

__all__ = ["api_routes"]
