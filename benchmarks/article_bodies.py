"""Body text quality on real article pages with human-labelled bodies, beside trafilatura.

    python benchmarks/article_bodies.py [--worst N] [--wordpress] [--repeat N] [--site-profiles]

Scores ``PostPage(Selector(text=html), url).fields()["content_text"]`` on the pages of
``../shared/corpus/article-extraction-benchmark`` (relative to the repo) with that benchmark's own
metric (its ``evaluate.py``): per page, bag-of-tokens true/false positives and false negatives
normalised to sum to 1; precision averaged over the pages where something was extracted, recall
over the pages with a gold body; F1 of the two averages. "words" counts single ``\\w+`` tokens,
"shingles" runs of 4. Reported for all pages and for the WordPress ones
(``wordpress-pages.json``), with trafilatura 2.3.1 (the ``bench`` extra; skipped, saying so,
when it is not installed) scored on the same pages in the same run, and the median CPU
milliseconds per page of each (parse included: trafilatura parses the HTML itself), the two
run page by page in turn, and the ratio of those medians.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import statistics
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

from parsel import Selector

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from crawler.pages import PostPage, SiteProfile  # noqa: E402
from crawler.pages.furniture import Furniture  # noqa: E402

CORPUS = (Path(__file__).resolve().parents[1] / ".." / "shared" / "corpus"
          / "article-extraction-benchmark")
_TOKEN = re.compile(r"\w+")

Counts = tuple[float, float, float]
"""One page's (true positives, false positives, false negatives), normalised to sum to 1."""


def match(gold: str, predicted: str, n: int = 1) -> Counts:
    """The page's normalised TP/FP/FN over ``n``-token shingles (multisets, as the benchmark)."""
    true, pred = _shingles(gold, n), _shingles(predicted, n)
    tp = sum((true & pred).values())
    fp, fn = sum(pred.values()) - tp, sum(true.values()) - tp
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def _shingles(text: str, n: int) -> Counter[tuple[str, ...]]:
    tokens = _TOKEN.findall(text or "")
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1))
                   if tokens[i:i + n])


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fp) if tp + fp else 0.0


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return tp / (tp + fn) if tp + fn else 0.0


def scores(pages: Sequence[Counts]) -> tuple[float, float, float]:
    """(precision, recall, F1) the benchmark's way: F1 of the averages, not average of F1s."""
    p = _mean(precision(*c) for c in pages if c[0] + c[1] > 0)
    r = _mean(recall(*c) for c in pages if c[0] + c[2] > 0)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def page_f1(counts: Counts) -> float:
    p, r = precision(*counts), recall(*counts)
    return 2 * p * r / (p + r) if p + r else 0.0


def _mean(values: Iterable[float]) -> float:
    found = list(values)
    return statistics.mean(found) if found else 0.0


@dataclass
class Run:
    """One extractor's texts and CPU milliseconds (median of the repeats), by page id."""

    name: str
    texts: dict[str, str] = field(default_factory=dict)
    cpu_ms: dict[str, float] = field(default_factory=dict)
    parts: dict[str, dict[str, float]] = field(default_factory=dict)
    """Steps within ``cpu_ms`` by name (ours: the lxml parse, and finding and cleaning the
    body, the rest of fields() being metadata; trafilatura parses inside its one call)."""


Extract = Callable[[str, str], tuple[str, dict[str, float]]]


def ours(html: str, url: str, profile: SiteProfile | None = None) -> tuple[str, dict[str, float]]:
    """Our body text, and the CPU milliseconds of the steps it includes."""
    start = time.process_time()
    page = PostPage(Selector(text=html), url, profile=profile)
    parsed = time.process_time()
    page.body  # noqa: B018 (computed here to be timed; fields() reuses it)
    found = time.process_time()
    text = str(page.fields()["content_text"])
    return text, {"parse": (parsed - start) * 1000, "body": (found - parsed) * 1000}


def run(extractors: dict[str, Extract], pages: dict[str, tuple[str, str]],
        repeat: int) -> list[Run]:
    """Each extractor on each page, ``repeat`` times, interleaved page by page (ours, the
    reference, ours...) so that what else the machine does hits both alike: the ratio of their
    CPU times is then a measure of the code, not of the moment each ran."""
    results = {name: Run(name) for name in extractors}
    for key, (html, url) in pages.items():
        totals: dict[str, list[float]] = {name: [] for name in extractors}
        parts: dict[str, dict[str, list[float]]] = {name: {} for name in extractors}
        for _ in range(repeat):
            for name, extract in extractors.items():
                start = time.process_time()
                text, steps = extract(html, url)
                totals[name].append((time.process_time() - start) * 1000)
                for step, ms in steps.items():
                    parts[name].setdefault(step, []).append(ms)
                results[name].texts[key] = text
        for name, result in results.items():
            result.cpu_ms[key] = statistics.median(totals[name])
            for step, samples in parts[name].items():
                result.parts.setdefault(step, {})[key] = statistics.median(samples)
    return list(results.values())


def with_site_profiles(pages: dict[str, tuple[str, str]]) -> Run:
    """Ours as a crawl of each site would read it: the pages of one host share a profile,
    warmed by a first reading of them all (blocks on 2+ pages and half the site's pages are
    furniture). Most hosts here have one page: their profile learns nothing."""
    profiles: dict[str, SiteProfile] = {}
    for html, url in pages.values():
        profile = profiles.setdefault(urlsplit(url).hostname or "", SiteProfile(
            furniture=Furniture(min_pages=2)))
        ours(html, url, profile)
    result = Run("ours+site")
    for key, (html, url) in pages.items():
        result.texts[key] = ours(html, url, profiles[urlsplit(url).hostname or ""])[0]
    return result


def trafilatura_extractor() -> Extract | None:
    try:
        import trafilatura
    except ImportError:
        return None
    # As the benchmark's own runner calls it: defaults, no comments, no URL.
    return lambda html, url: (trafilatura.extract(html, include_comments=False) or "", {})


def trafilatura_with_metadata() -> Extract | None:
    """trafilatura reading what ``fields()`` reads too: title, author, date, categories, tags."""
    try:
        import trafilatura
    except ImportError:
        return None

    def extract(html: str, url: str) -> tuple[str, dict[str, float]]:
        found = trafilatura.bare_extraction(html, url=url, with_metadata=True,
                                            include_comments=False)
        text = found.get("text") if isinstance(found, dict) else getattr(found, "text", None)
        return text or "", {}
    return extract


def load(wordpress_only: bool) -> tuple[dict[str, tuple[str, str]], dict[str, str], set[str]]:
    """(html and URL by id, gold body by id, WordPress ids)."""
    truth = json.loads((CORPUS / "ground-truth.json").read_text(encoding="utf-8"))
    wordpress = set(json.loads((CORPUS / "wordpress-pages.json").read_text(encoding="utf-8")))
    pages = {}
    for key in sorted(truth):
        if wordpress_only and key not in wordpress:
            continue
        with gzip.open(CORPUS / "html" / f"{key}.html.gz", "rt", encoding="utf-8") as f:
            pages[key] = (f.read(), truth[key]["url"])
    return pages, {key: truth[key]["articleBody"] for key in pages}, wordpress


def report(runs: list[Run], gold: dict[str, str], subsets: dict[str, list[str]]) -> None:
    for label, keys in subsets.items():
        if not keys:
            continue
        print(f"{label} ({len(keys)} pages)")
        for result in runs:
            words = scores([match(gold[k], result.texts[k]) for k in keys])
            shingles = scores([match(gold[k], result.texts[k], 4) for k in keys])
            print(f"  {result.name:<16} words P {words[0]:.3f} R {words[1]:.3f} F1 {words[2]:.3f}"
                  f"   shingles F1 {shingles[2]:.3f}{_cpu(result, keys)}")
        by_name = {result.name: result for result in runs if result.cpu_ms}
        for line in _ratios(by_name, keys):
            print("  " + line)


def _ratios(by_name: dict[str, Run], keys: list[str]) -> Iterator[str]:
    """Like against like, median CPU per page: our parse and body against trafilatura's
    ``extract`` (the body alone), every field of ours against trafilatura with its metadata."""
    ours = by_name.get("ours")
    if ours is None:
        return
    body = statistics.median(ours.parts["parse"][k] + ours.parts["body"][k] for k in keys)
    fields = statistics.median(ours.cpu_ms[k] for k in keys)
    for name, mine, what in (("trafilatura", body, "the body (parse included)"),
                             ("trafilatura+meta", fields, "every field (parse included)")):
        if name in by_name:
            theirs = statistics.median(by_name[name].cpu_ms[k] for k in keys)
            yield f"{what}: ours {mine:.2f} ms, {name} {theirs:.2f} ms: {theirs / mine:.1f}x faster"


def _cpu(result: Run, keys: list[str]) -> str:
    if not result.cpu_ms:
        return ""
    parts = ", ".join(f"{step} {statistics.median(ms[k] for k in keys):4.2f}"
                      for step, ms in result.parts.items())
    cpu = statistics.median(result.cpu_ms[k] for k in keys)
    return f"   CPU median {cpu:5.2f} ms/page" + (f" (of which {parts})" if parts else "")


def worst(runs: list[Run], gold: dict[str, str], urls: dict[str, str], count: int) -> None:
    """Our ``count`` lowest-F1 pages, with each extractor's F1 and our precision and recall."""
    mine = runs[0]
    per_page = {k: match(gold[k], mine.texts[k]) for k in gold}
    print(f"worst {count} pages for {mine.name} (word F1; P/R ours)")
    for key in sorted(per_page, key=lambda k: page_f1(per_page[k]))[:count]:
        others = " ".join(f"{r.name} {page_f1(match(gold[key], r.texts[key])):.2f}"
                          for r in runs)
        counts = per_page[key]
        print(f"  {key[:12]} {others}  P {precision(*counts):.2f} R {recall(*counts):.2f}"
              f"  {urls[key]}")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--worst", type=int, default=0, help="list our N worst pages")
    parser.add_argument("--wordpress", action="store_true", help="only the WordPress pages")
    parser.add_argument("--no-trafilatura", action="store_true", help="score ours alone")
    parser.add_argument("--repeat", type=int, default=1, help="runs per page for CPU times")
    parser.add_argument("--site-profiles", action="store_true",
                        help="also score ours with the pages of each host sharing a profile")
    args = parser.parse_args()
    if not (CORPUS / "ground-truth.json").is_file():
        print(f"SKIPPED: no benchmark corpus at {CORPUS.resolve()} (nothing measured)")
        return 0
    pages, gold, wordpress = load(args.wordpress)
    extractors: dict[str, Extract] = {"ours": ours}
    reference = None if args.no_trafilatura else trafilatura_extractor()
    if reference is not None:
        extractors["trafilatura"] = reference
        extractors["trafilatura+meta"] = trafilatura_with_metadata() or reference
    elif not args.no_trafilatura:
        print("trafilatura not installed (pip install -e '.[bench]'): scoring ours alone")
    runs = run(extractors, pages, args.repeat)
    if args.site_profiles:
        runs.insert(1, with_site_profiles(pages))
    report(runs, gold, {"all": [] if args.wordpress else list(pages),
                        "wordpress": [k for k in pages if k in wordpress]})
    if args.worst:
        worst(runs, gold, {k: url for k, (_, url) in pages.items()}, args.worst)
    return 0


if __name__ == "__main__":
    sys.exit(main())
