"""Block Kit for the Slack bot, built by small pure functions: data in, JSON-ready blocks
out. Listeners call these and never build blocks inline, so every message and modal the
bot shows is tested on its own (``tests/test_views*.py``)."""
