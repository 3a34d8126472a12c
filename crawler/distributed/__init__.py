"""Distributed crawling on Redis: many workers, one dataset, one polite budget (README
"Distributed crawling"). Nothing here is imported unless a Redis URL is set."""
