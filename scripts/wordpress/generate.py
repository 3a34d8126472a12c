"""Regenerate the real-WordPress test data (needs root's Debian packages; tests only read it).

    apt-get install -y wordpress wordpress-theme-twentytwentyone wordpress-theme-twentytwentytwo \\
        wordpress-theme-twentytwentythree mariadb-server php-cli php-mysql php-gd
    .venv/bin/python -m scripts.wordpress.generate themes    # tests/data/wordpress/
    .venv/bin/python -m scripts.wordpress.generate archive   # tests/data/wordpress-archive/
    .venv/bin/python -m scripts.wordpress.generate comments  # tests/data/wordpress-comments/

Each run starts a private MariaDB and PHP web server (see :mod:`scripts.wordpress.stack`), builds
the site from fixed content, writes the data and stops everything again.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from . import content, gold, images, render, stack

REPO = Path(__file__).resolve().parents[2]
SHARED_THEMES = REPO / ".." / "shared" / "wordpress-themes"


def available_themes() -> list[Path]:
    """Debian's bundled themes, then the shared ones (GPL copies of older WordPress themes)."""
    debian = sorted(p for p in (stack.WORDPRESS / "wp-content" / "themes").iterdir() if p.is_dir())
    shared = sorted(p.resolve() for p in SHARED_THEMES.iterdir() if p.is_dir()) \
        if SHARED_THEMES.is_dir() else []
    if not shared:
        print(f"note: {SHARED_THEMES} not found; rendering Debian's themes only", file=sys.stderr)
    return debian + shared


def build_site(wp: stack.WordPress, home: str, title: str, ops: list[content.Op],
               options: dict[str, object] | None = None) -> dict[str, int]:
    """Install WordPress at ``home`` (a run of its own, so later runs see the site's URL)
    and apply ``ops``; returns the key -> ID map."""
    ids = wp.apply([content.install(title, home, options)])["ids"]
    return {**ids, **wp.apply(ops, ids)["ids"]}


def themes(out: Path) -> None:
    found = available_themes()
    with stack.wordpress(found) as wp:
        files = images.write_images(wp.root.parent / "images", content.IMAGES)
        build_site(wp, content.HOME, "Fixture Gazette",
                   content.site_ops({k: str(v) for k, v in files.items()}))
        wp.switch_theme(found[0].name)
        api = gold.site_api(wp.port, content.HOME)
        rows = gold.post_gold(api)
        plan = render.page_plan(api, content.HOME)
        if out.exists():
            shutil.rmtree(out)
        out.mkdir(parents=True)
        shown = {}
        for theme in found:
            print(f"rendering {theme.name}", file=sys.stderr)
            render.render_theme(wp, content.HOME, theme.name, out, plan)
            again = gold.post_gold(gold.site_api(wp.port, content.HOME))
            if again != rows:
                raise RuntimeError(f"the REST API answers differently under {theme.name}")
            shown[theme.name] = render.visibility(out, theme.name, rows, api)
    pages = [{"post_id": p["id"], "url": p["link"], "title": gold.text_of(p["title"]["rendered"])}
             for p in api["pages"]]
    render.write_json(out / "gold.json", {"site": content.HOME, "posts": rows, "pages": pages})
    render.write_json(out / "rest.json.gz", api, compress=True)
    render.write_json(out / "themes.json", shown)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("what", choices=("themes", "archive", "comments"))
    parser.add_argument("--out", type=Path, help="output folder (default: under tests/data/)")
    args = parser.parse_args(argv)
    try:
        stack.check_packages()
    except stack.MissingPackages as error:
        parser.exit(2, f"{error}\n")
    if args.what == "themes":
        themes(args.out or REPO / "tests" / "data" / "wordpress")
    elif args.what == "archive":
        from .archive import archive
        archive(args.out or REPO / "tests" / "data" / "wordpress-archive")
    else:
        from .comments import comments
        comments(args.out or REPO / "tests" / "data" / "wordpress-comments")
    return 0


if __name__ == "__main__":
    sys.exit(main())
