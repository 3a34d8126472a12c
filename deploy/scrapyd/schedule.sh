#!/usr/bin/env bash
# Deploy the project to scrapyd and schedule one incremental crawl (run it from cron for a
# schedule). scrapyd runs an egg with no project folder, so the state store path is absolute.
#   pip install scrapyd-client && scrapyd-deploy        # once per code change (uses scrapy.cfg)
set -euo pipefail
SCRAPYD="${SCRAPYD:-http://127.0.0.1:6800}"
curl --fail --silent --show-error "$SCRAPYD/schedule.json" \
    -d project=crawler -d spider=archive \
    -d site=https://www.deepdotweb.com \
    -d archive=/srv/archives/deepdotweb-mirror \
    -d setting=ARCHIVE_STATE=/var/lib/archive-crawler/state.sqlite3 \
    -d "setting=FEEDS={\"/srv/archive-crawler/exports/new/%(name)s-%(time)s.jsonl\": {\"format\": \"jsonlines\"}}"
echo
