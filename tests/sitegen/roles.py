"""Which post plays which special case ("role") in a fixture site.

Special cases go to distinct posts so each one is tested in isolation: unlinked posts, a renamed
post, a sticky post, a duplicate title, Cyrillic titles, a title full of entities, attachment
pages, paged comments, a link to an old slug; body features (lazy image, relative link, search,
query and fragment links, ``<br>``, ``&nbsp;``, a modified date before the published one) go to
random linked posts.
"""

from __future__ import annotations

import random

STRUCTURAL = ["renamed", "sticky", "dup", "dup", "cyrillic", "cyrillic", "entities", "attachment",
              "attachment_id", "comment_pages", "old_link"]
BODY_ROLES = ["lazy", "relative", "search", "query", "fragment", "br", "nbsp", "scheduled"]


def assign_roles(rng: random.Random, n: int) -> dict[int, set[str]]:
    """Post index -> roles. Unlinked and structural roles never share a post."""
    free = list(range(n))
    rng.shuffle(free)
    roles: dict[int, set[str]] = {i: set() for i in range(n)}
    if n >= 4:
        for _ in range(max(2, n // 50)):
            roles[free.pop()].add("unlinked")
    early = [i for i in free if i < max(1, n // 3)]
    if early and n >= 6:  # the sticky post is old, so it also shows deep in the pagination
        free.remove(early[0])
        roles[early[0]].add("sticky")
    for role in STRUCTURAL:
        if role != "sticky" and free:
            roles[free.pop()].add(role)
    linked = [i for i in range(n) if "unlinked" not in roles[i]]
    for role in BODY_ROLES:
        if linked:
            roles[rng.choice(linked)].add(role)
    return roles
