"""A walk lives in its URLs: each step's address, and the query parameters that carry the walk from step to step.

No cookie: the walk id (`?w=`) and the questions answered "Not sure" (`?unsure=`) ride along in every link, so
back, forward, reload and a shared link land on the same step, inside a help center's cross-site iframe too.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from urllib.parse import urlencode

from django.urls import reverse

from .content.graph import NODE_ID, START

WALK_PARAM = "w"
# The questions answered "Not sure" so far, comma-separated: the one part of a walk a node's URL cannot tell.
UNSURE_PARAM = "unsure"
MAX_UNSURE = 50
# A form's result page (after post/redirect/get): the answer given, or the escalation's key.
FEEDBACK_PARAM = "feedback"
ESCALATION_PARAM = "escalation"
# `?from=search` on the links of search results: the walk began with a search.
FROM_PARAM = "from"
FROM_SEARCH = "search"
# An embed's `data-source`: the help center's own name for itself in our walk records.
SOURCE_PARAM = "source"


@dataclass(frozen=True)
class WalkRef:
    """The walk a request belongs to: its id, and whether this request started it."""

    id: uuid.UUID
    is_new: bool

    @property
    def param(self) -> str:
        return self.id.hex


def walk_ref(query: Mapping[str, str]) -> WalkRef:
    """The walk named by `?w=`, or a new one when there is none (or it is not a walk id)."""
    try:
        return WalkRef(uuid.UUID(hex=query.get(WALK_PARAM, "")), is_new=False)
    except ValueError:
        return WalkRef(uuid.uuid4(), is_new=True)


def unsure_from_query(query: Mapping[str, str]) -> list[str]:
    """The node ids in `?unsure=`, in order, without repeats; anything that is not a node id is left out."""
    slugs: list[str] = []
    for slug in query.get(UNSURE_PARAM, "")[: MAX_UNSURE * 101].split(","):
        if NODE_ID.match(slug) and slug not in slugs:
            slugs.append(slug)
    return slugs[:MAX_UNSURE]


def unsure_params(slugs: Sequence[str]) -> dict[str, str]:
    return {UNSURE_PARAM: ",".join(slugs)} if slugs else {}


def is_new_step(method: str, query: Mapping[str, str]) -> bool:
    """A form's result page (after a redirect) or its errors are the same step again, not a new one to count."""
    return method == "GET" and FEEDBACK_PARAM not in query and ESCALATION_PARAM not in query


def node_url(guide_slug: str, node_slug: str, *, embed: bool = False) -> str:
    """A node's canonical address; a guide's first question is the guide's own URL."""
    prefix = "wizard:embed_" if embed else "wizard:"
    if node_slug == START:
        return reverse(prefix + "guide", args=[guide_slug])
    return reverse(prefix + "node", args=[guide_slug, node_slug])


def walk_url(
    guide_slug: str, node_slug: str, walk: WalkRef, *, embed: bool, params: Mapping[str, str], **extra: str
) -> str:
    """A node's URL with the walk id and the parameters every link keeps (an embed's theme, "Not sure" answers)."""
    url = node_url(guide_slug, node_slug, embed=embed)
    # Commas stay as they are (they may, in a query): `unsure=a,b` reads better in a shared link.
    return f"{url}?{urlencode({WALK_PARAM: walk.param, **params, **extra}, safe=',')}"


def form_action(
    guide_slug: str, node_slug: str, name: str, walk: WalkRef, *, embed: bool, params: Mapping[str, str]
) -> str:
    """Where a node's form (`feedback` or `escalate`) posts, keeping the walk and what every link keeps."""
    url = node_url(guide_slug, node_slug, embed=embed)
    return f"{url}{name}/?{urlencode({WALK_PARAM: walk.param, **params}, safe=',')}"
