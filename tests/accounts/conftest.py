import json
import logging

import pytest

from core.logs import JsonFormatter


class Lines(logging.Handler):
    """The security log's lines, formatted as in production and read back as JSON."""

    def __init__(self):
        super().__init__()
        self.setFormatter(JsonFormatter())
        self.lines = []

    def emit(self, record):
        self.lines.append(json.loads(self.format(record)))

    def events(self, event, **fields):
        return [
            line
            for line in self.lines
            if line["event"] == event and all(line.get(k) == v for k, v in fields.items())
        ]


@pytest.fixture
def security_log():
    handler = Lines()
    logger = logging.getLogger("security")
    logger.addHandler(handler)
    yield handler
    logger.removeHandler(handler)
