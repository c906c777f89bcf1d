"""ecflink: native-messaging host and tools."""

__version__ = "0.1.0"
