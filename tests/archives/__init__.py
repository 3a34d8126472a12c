"""Fixture archives of tests.sitegen sites: two-capture histories, WARCs, pywb, a fake Wayback."""
