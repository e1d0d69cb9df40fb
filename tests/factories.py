"""Guide files made up for tests: small ones with one flaw each, and big generated ones."""

from __future__ import annotations

FRONT = "---\nid: {guide}\ntitle: Generated guide\n---\n\n"


def section(index: int, causes: int = 3) -> str:
    lines = [f"## Symptom number {index}", f"<!-- id: s{index} -->", "", "### Symptom", f"Thing {index} breaks.", ""]
    lines += ["### Common causes"]
    for cause in range(causes):
        lines += [f"- Cause {cause} of symptom {index}.", f"  <!-- id: s{index}-c{cause} -->"]
    lines += ["", "### Troubleshooting steps"]
    for cause in range(causes):
        lines += [f"#### Cause {cause}", f"<!-- cause: s{index}-c{cause} -->", "1. Do the first thing.", "2. Check it."]
    return "\n".join(lines) + "\n\n"


def generated_guide(nodes: int, guide: str = "big") -> str:
    """A valid guide of about `nodes` nodes: each section of three causes makes seven."""
    return FRONT.format(guide=guide) + "".join(section(index) for index in range(max(1, nodes // 7)))
