"""Hostile inputs: each test builds the input that once broke a crawl, and proves it no
longer does."""
