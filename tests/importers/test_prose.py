from __future__ import annotations

from wizard.importers.outline import Block, ListBlock, ListItem, Paragraph
from wizard.importers.prose import introduces_steps, sort_prose


def paragraphs(*texts: str) -> list[Block]:
    return [Paragraph(line, text) for line, text in enumerate(texts, 1)]


def texts(blocks: list[Block]) -> list[str]:
    return [block.text for block in blocks if isinstance(block, Paragraph)]


def test_cause_said_inside_the_opening_sentence():
    prose = sort_prose(paragraphs("In rare cases, the queue can fill up, possibly because workers are killed."))
    assert texts(prose.cause) == ["In rare cases, the queue can fill up, possibly because workers are killed."]


def test_failure_under_a_condition_is_a_cause():
    prose = sort_prose(paragraphs("Mirrors fail to update when Silent Mode is enabled."))
    assert texts(prose.cause) == ["Mirrors fail to update when Silent Mode is enabled."]


def test_indicates_a_problem_is_a_cause():
    prose = sort_prose(paragraphs("A `Permission denied` error usually indicates a problem with file permissions."))
    assert texts(prose.cause) != []


def test_errors_that_indicate_a_listed_problem_are_a_cause():
    text = "Errors such as `early EOF` usually indicate a network, proxy, mirror or filtering problem."
    assert texts(sort_prose(paragraphs(text)).cause) == [text]


def test_it_may_be_that_is_a_cause():
    prose = sort_prose(paragraphs("If your pod misbehaves, it may be that its description has a typo."))
    assert texts(prose.cause) != []


def test_most_likely_due_to_opens_a_cause():
    prose = sort_prose(paragraphs("The issue is most likely due to old Java. A solution might be to upgrade."))
    assert texts(prose.cause) == ["The issue is most likely due to old Java."]


def test_the_problem_is_that_opens_a_cause():
    prose = sort_prose(paragraphs("The problem is that the certificates expired."))
    assert texts(prose.cause) == ["The problem is that the certificates expired."]


def test_if_a_name_with_a_dot_then_the_error_appears_is_a_cause():
    prose = sort_prose(paragraphs("If a JRE is used, the `Unable to locate tools.jar` error may appear."))
    assert texts(prose.cause) != []


def test_a_report_of_the_message_is_no_cause():
    """'you might receive a message stating the build failed due to X' says what the user sees, not why."""
    prose = sort_prose(paragraphs("In some cases, you might receive a message stating the build failed due to memory."))
    assert prose.cause == []


def test_a_sentence_introducing_the_message_is_no_cause():
    prose = sort_prose(paragraphs("Pushing fails when the target is a replica, and the following error is displayed:"))
    assert prose.cause == []


def test_a_later_because_explains_the_advice_not_the_problem():
    prose = sort_prose(
        paragraphs("Old clients reject big keys. The latter approach is not recommended because it is weak.")
    )
    assert prose.cause == []


def test_finding_out_which_case_it_is_is_a_step():
    prose = sort_prose(
        paragraphs("This typically happens if a webhook blocks it.", "To identify this scenario, check X.")
    )
    assert texts(prose.fix) == ["To identify this scenario, check X."]


def test_a_sentence_announcing_steps_starts_the_fix():
    prose = sort_prose(
        paragraphs("Mirrors fail when Silent Mode is on.", "When it fails due to it, the following are the steps:")
    )
    assert texts(prose.fix) == ["When it fails due to it, the following are the steps:"]


def test_the_first_thing_to_do_is_a_step():
    prose = sort_prose(paragraphs("The first thing to do is to delete your pod."))
    assert texts(prose.fix) == ["The first thing to do is to delete your pod."]


def test_a_paragraph_after_the_fix_that_also_causes_it_is_another_cause():
    prose = sort_prose(
        paragraphs(
            "This error usually indicates a problem with file permissions. Check the owner.",
            "SELinux adds restrictions. Violations of these will also result in a `Permission denied` message.",
        )
    )
    assert [texts(more.cause) for more in prose.more] == [
        ["SELinux adds restrictions. Violations of these will also result in a `Permission denied` message."]
    ]


def test_another_cause_keeps_the_first_fix():
    prose = sort_prose(
        paragraphs(
            "This error usually indicates a problem with file permissions. Check the owner.",
            "Violations of SELinux rules will also result in this error.",
        )
    )
    assert texts(prose.fix) == ["Check the owner."]


def test_more_advice_after_the_fix_is_no_other_cause():
    prose = sort_prose(paragraphs("This happens when the disk is full. Delete old files.", "Also check the quota."))
    assert prose.more == []


def test_retry_and_consider_are_steps():
    prose = sort_prose(paragraphs("Retry with --no-cache.", "Consider replacing the promise library."))
    assert len(prose.fix) == 2


def test_what_the_reader_probably_has_is_a_cause():
    prose = sort_prose(paragraphs("You probably had the old version installed at some point."))
    assert prose.cause != []


def test_what_the_reader_is_likely_using_is_a_cause():
    prose = sort_prose(paragraphs("You are likely using an sqlite based installation."))
    assert prose.cause != []


def test_a_condition_and_what_will_not_happen_is_a_cause():
    prose = sort_prose(paragraphs("If the account is not labeled, the webhook will not inject the variables."))
    assert prose.cause != []


def test_a_state_and_what_cannot_happen_is_no_cause():
    prose = sort_prose(paragraphs("If a pod is stuck in Waiting, it has been scheduled, but it can't run there."))
    assert prose.cause == []


def test_an_announced_list_of_reasons_starts_the_causes():
    assert texts(sort_prose(paragraphs("This might have multiple reasons.")).cause) == [
        "This might have multiple reasons."
    ]


def test_a_message_report_after_in_some_cases_says_the_symptom():
    assert sort_prose(paragraphs("In some cases, you might receive a message that the build failed.")).said_symptom


def test_a_sentence_that_causes_this_problem_is_a_cause_anywhere():
    prose = sort_prose(paragraphs("Instances may boot slowly. File injection can cause this problem."))
    assert texts(prose.cause) == ["File injection can cause this problem."]


def test_what_does_not_cause_this_problem_is_no_cause():
    prose = sort_prose(paragraphs("Instances boot slowly. Disk size does not cause this problem."))
    assert prose.cause == []


def test_an_opening_sentence_whose_subject_causes_an_error_is_a_cause():
    prose = sort_prose(paragraphs("Missing credentials cause a `403 forbidden` error."))
    assert texts(prose.cause) == ["Missing credentials cause a `403 forbidden` error."]


def test_a_warning_and_error_that_occur_if_is_a_cause():
    prose = sort_prose(paragraphs("Attaching fails. This warning and error occurs if the package is missing."))
    assert texts(prose.cause) == ["This warning and error occurs if the package is missing."]


def test_a_lead_in_to_things_to_check_introduces_steps():
    assert introduces_steps("This usually means a mismatch. A few things should be checked in this case:")


def test_first_of_all_check_introduces_steps():
    assert introduces_steps("First of all, check the current `provision_state` of the node:")


def test_a_lead_in_to_causes_introduces_no_steps():
    assert not introduces_steps("This happens for one of the following reasons:")


def test_to_trace_the_process_starts_the_fix():
    prose = sort_prose(paragraphs("The node is locked.", "To trace the process using conductor logs:"))
    assert texts(prose.fix) == ["To trace the process using conductor logs:"]


def test_a_sentence_introducing_conditions_with_when_is_a_cause():
    prose = sort_prose(paragraphs("Helm checks ownership.", "Resources are skipped during uninstall when:"))
    assert texts(prose.cause) == ["Resources are skipped during uninstall when:"]


def test_a_purpose_and_what_to_do_after_the_cause_is_the_fix():
    prose = sort_prose(
        paragraphs("This happens when a dependency is updated.", "To preview the changes, use `--dry-run`.")
    )
    assert texts(prose.fix) == ["To preview the changes, use `--dry-run`."]


def test_a_purpose_and_what_to_do_said_first_is_no_fix():
    assert sort_prose(paragraphs("To debug in VS Code, use the launch configuration.")).fix == []


def test_what_something_may_have_done_is_a_cause():
    prose = sort_prose(paragraphs("The vendor may have renamed or moved files inside its archive."))
    assert texts(prose.cause) == ["The vendor may have renamed or moved files inside its archive."]


def test_what_someone_may_have_seen_is_no_cause():
    assert sort_prose(paragraphs("Some users may have seen a warning.")).cause == []


def test_a_failure_that_may_have_happened_is_no_cause():
    assert sort_prose(paragraphs("The build may have failed.")).cause == []


def test_what_the_reader_may_have_done_is_no_cause_cue():
    assert sort_prose(paragraphs("You may have installed the tools already.")).cause == []


def test_an_event_that_may_replace_or_invalidate_something_is_a_cause():
    prose = sort_prose(paragraphs("A macOS upgrade may replace or invalidate the Command Line Tools."))
    assert texts(prose.cause) == ["A macOS upgrade may replace or invalidate the Command Line Tools."]


def test_where_an_error_was_seen_is_when_it_happens():
    prose = sort_prose(paragraphs("This error is rare and was only seen in clusters where the etcd quota is low."))
    assert texts(prose.cause) == ["This error is rare and was only seen in clusters where the etcd quota is low."]


def test_a_list_of_instructions_after_the_cause_is_the_fix():
    listing = ListBlock(2, True, [ListItem(2, "Install all updates."), ListItem(3, "Run `brew update`.")])
    prose = sort_prose([Paragraph(1, "An upgrade may replace the tools."), listing])
    assert prose.fix == [listing]


def test_a_list_after_the_cause_that_is_not_instructions_stays_the_cause():
    listing = ListBlock(2, False, [ListItem(2, "the disk is full"), ListItem(3, "the quota is low")])
    prose = sort_prose([Paragraph(1, "This happens when:"), listing])
    assert prose.cause[-1] == listing


def test_what_cannot_be_done_under_a_condition_is_a_cause():
    prose = sort_prose(paragraphs("Argo CD can't delete an app if it cannot generate manifests."))
    assert texts(prose.cause) == ["Argo CD can't delete an app if it cannot generate manifests."]


def test_you_need_to_starts_the_fix():
    prose = sort_prose(paragraphs("The app cannot be deleted.", "You need to either:"))
    assert texts(prose.fix) == ["You need to either:"]


def test_a_clause_before_which_triggers_is_a_cause():
    prose = sort_prose(paragraphs("Docker runs out of space, which triggers a hard eviction in the kubelet."))
    assert texts(prose.cause) == ["Docker runs out of space, which triggers a hard eviction in the kubelet."]


def test_what_you_will_see_due_to_something_is_a_report_not_a_cause():
    assert sort_prose(paragraphs("Due to the above, at times you\u2019ll see `no space left on device`.")).cause == []


def test_a_cue_inside_a_link_text_is_read_as_words():
    prose = sort_prose(paragraphs("Pods are evicted.", "Possible [fix/workaround by a user](https://example.com):"))
    assert texts(prose.fix) == ["Possible [fix/workaround by a user](https://example.com):"]


def test_an_issue_that_can_be_worked_around_starts_the_fix():
    prose = sort_prose(paragraphs("This issue can be worked around by using another filesystem."))
    assert texts(prose.fix) == ["This issue can be worked around by using another filesystem."]


def test_a_quick_fix_starts_the_fix():
    assert texts(sort_prose(paragraphs("A quick fix is to disable IPv6.")).fix) == ["A quick fix is to disable IPv6."]


def test_something_left_undone_and_what_goes_wrong_then_is_a_cause():
    prose = sort_prose(paragraphs("Prefix it with CALL.", "If you do not do this, your script will exit early."))
    assert texts(prose.cause) == ["If you do not do this, your script will exit early."]


def test_you_must_starts_the_fix():
    prose = sort_prose(paragraphs("This is caused by cmd.exe.", "You must write this in your batch script:"))
    assert texts(prose.fix) == ["You must write this in your batch script:"]


def test_what_a_group_of_readers_may_need_to_do_is_the_fix():
    prose = sort_prose(paragraphs("People running k3d on btrfs may need to mount `/dev/mapper` into the nodes."))
    assert texts(prose.fix) == ["People running k3d on btrfs may need to mount `/dev/mapper` into the nodes."]


def test_a_condition_on_what_you_do_and_what_you_need_is_no_fix_by_itself():
    prose = sort_prose(paragraphs("When you run a program, you will need to know the path to it."))
    assert prose.fix == []


def test_what_you_observe_then_what_you_can_do_is_the_fix():
    prose = sort_prose(paragraphs("Entries pile up.", "If you observe this, you can unmount the stale file systems."))
    assert texts(prose.fix) == ["If you observe this, you can unmount the stale file systems."]


def test_what_cannot_be_done_after_an_opening_condition_is_not_a_cause():
    text = "If you set this option, jobs won't be able to call it when they run in the background."
    prose = sort_prose(paragraphs("A setting forbids programs without a terminal to call the tool.", text))
    assert text not in texts(prose.cause)


def test_first_of_all_verify_in_prose_leaves_the_cause_after_it():
    cause = "If you are using a proxy, this is because the direct route is blocked."
    prose = sort_prose(paragraphs("Copying is slow.", "First of all, verify that you are not using a proxy.", cause))
    assert texts(prose.cause) == [cause]
