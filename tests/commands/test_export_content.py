from __future__ import annotations

import difflib
import shutil
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from tests.conftest import MINI
from wizard.models import Guide
from wizard.services import authoring

pytestmark = pytest.mark.django_db


def load(directory: Path) -> None:
    call_command("load_content", path=directory, stdout=StringIO())


def export(directory: Path, **options) -> str:
    out = StringIO()
    call_command("export_content", path=directory, stdout=out, stderr=StringIO(), **options)
    return out.getvalue()


def guide_bytes(directory: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted(directory.glob("*.md")) if path.name != "README.md"}


def test_real_content_round_trips_byte_for_byte(tmp_path):
    source, target = tmp_path / "in", tmp_path / "out"
    shutil.copytree(settings.CONTENT_DIR, source)
    target.mkdir()
    load(source)
    export(target)
    assert guide_bytes(target) == guide_bytes(source)
    assert guide_bytes(target)


def test_fixture_guide_round_trips_byte_for_byte(tmp_path):
    source, target = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    target.mkdir()
    shutil.copy(MINI, source / "mini.md")
    load(source)
    export(target)
    assert (target / "mini.md").read_bytes() == MINI.read_bytes()


def test_crlf_files_round_trip_byte_for_byte(tmp_path):
    source, target = tmp_path / "in", tmp_path / "out"
    source.mkdir()
    target.mkdir()
    (source / "mini.md").write_bytes(MINI.read_bytes().replace(b"\n", b"\r\n"))
    load(source)
    export(target)
    assert (target / "mini.md").read_bytes() == (source / "mini.md").read_bytes()


def test_exporting_unchanged_content_writes_nothing(tmp_path):
    shutil.copy(MINI, tmp_path / "mini.md")
    load(tmp_path)
    before = (tmp_path / "mini.md").stat().st_mtime_ns
    assert "0 written, 1 already up to date" in export(tmp_path)
    assert (tmp_path / "mini.md").stat().st_mtime_ns == before


def test_an_admin_edit_exports_as_a_diff_of_only_the_edited_lines(tmp_path):
    shutil.copy(MINI, tmp_path / "mini.md")
    load(tmp_path)
    guide = Guide.objects.get(slug="mini")
    draft = authoring.draft_get_or_create(guide=guide)
    text = authoring.draft_steps_patch(draft=draft, edits={("ad-blocker", 2): "Reload the page; the widget shows."})
    authoring.draft_update_text(draft=draft, text=text)
    authoring.guide_publish(guide=guide)
    export(tmp_path)
    diff = difflib.unified_diff(
        MINI.read_text().splitlines(), (tmp_path / "mini.md").read_text().splitlines(), lineterm="", n=0
    )
    changed = [line for line in diff if line[:1] in "+-" and line[:3] not in ("+++", "---")]
    assert changed == ["-2. Reload the page and check the widget appears.", "+2. Reload the page; the widget shows."]


def test_draft_previews_are_not_exported(tmp_path):
    shutil.copy(MINI, tmp_path / "mini.md")
    load(tmp_path)
    authoring.draft_get_or_create(guide=Guide.objects.get(slug="mini"))
    out = tmp_path / "out"
    out.mkdir()
    export(out)
    assert [path.name for path in out.iterdir()] == ["mini.md"]


def test_one_guide_only(tmp_path):
    shutil.copy(MINI, tmp_path / "mini.md")
    load(tmp_path)
    out = tmp_path / "out"
    out.mkdir()
    assert "1 written" in export(out, guide="mini")


def test_an_unknown_guide_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="no guide with the id 'nope'"):
        export(tmp_path, guide="nope")


def test_a_missing_folder_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="no such folder"):
        export(tmp_path / "missing")


def test_a_file_name_outside_the_folder_is_refused(tmp_path):
    shutil.copy(MINI, tmp_path / "mini.md")
    load(tmp_path)
    Guide.objects.filter(slug="mini").update(source_file="../escape.md")
    with pytest.raises(CommandError, match="not a plain file name"):
        export(tmp_path)
