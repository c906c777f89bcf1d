"""Registers the ecflink native-messaging host with browsers, and removes it again."""
