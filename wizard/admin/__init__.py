"""The admin (`/admin/`), one module per seam.

- `guides`: the authoring workflow on a guide's page: drafts, preview, publish, revisions, compare, rollback.
- `imports`: "Import docs" on the guide list: a docs page -> what the importer understood -> a draft guide.
- `nodes`: a node's page; a draft's steps are edited there as lines of the draft's Markdown.
- `records`: what readers did (walks, events, feedback, escalations), read-only.
- `readonly`: the one mixin that makes an admin or an inline read-only.
- `staff`: the staff user an admin action is recorded under.

Django's autodiscovery imports this package; importing the modules registers their admins.
"""

from . import guides, nodes, records

__all__ = ["guides", "nodes", "records"]
