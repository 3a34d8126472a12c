#!/usr/bin/env bash
# One scheduled crawl (cron, systemd timer): the posts and comments that are new or changed since
# the last run go to exports/new/, the whole current dataset (posts, comments) is re-exported to
# exports/ with its coverage report (exports/report.html, exports/report.json), the log goes to
# logs/.
#
# Settings come from the environment (ARCHIVE_SITE, ARCHIVE, ARCHIVE_STATE... see
# deploy/archive-crawler.env); extra arguments are passed to `scrapy crawl archive` as they are.
# Exit status is the crawl's: 0 done, 1 failed (see the log), 75 another crawl holds the lock.
set -uo pipefail

cd "${CRAWL_PROJECT_DIR:-$(dirname "$0")/..}" || exit 1
python="${CRAWL_PYTHON:-.venv/bin/python}"
logs="${CRAWL_LOG_DIR:-logs}"
exports="${CRAWL_EXPORT_DIR:-exports}"
name="${CRAWL_DATASET_NAME:-posts}"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
log="$logs/crawl-$stamp.log"
mkdir -p "$logs" "$exports/new"

"$python" -m scrapy crawl archive -O "$exports/new/$name-$stamp.jsonl" \
    -a comments="$exports/new/comments-$stamp.jsonl" --logfile "$log" "$@"
status=$?

# The store is consistent whatever happened to the crawl, so the full export is always current,
# and so is the report of how much of the site the crawls have recovered.
"$python" -m scrapy export "$exports/$name.jsonl" --comments "$exports/comments.jsonl" >>"$log" 2>&1 \
    || [ "$status" -ne 0 ] || status=1
"$python" -m scrapy report "$exports/report.html" --json "$exports/report.json" >>"$log" 2>&1 \
    || [ "$status" -ne 0 ] || status=1
if [ "$status" -ne 0 ]; then
    echo "archive crawl failed with status $status; see $log" >&2
fi
exit "$status"
