from __future__ import annotations

import pytest

from tests.importers.pages import page
from wizard.importers.outline import Heading, ListBlock, ListItem, Paragraph
from wizard.importers.recognise import recognise
from wizard.importers.shapes import NO_CAUSE


def titles(recognition):
    return [problem.title for problem in recognition.problems]


def causes(problem):
    return [cause.title for cause in problem.causes]


def steps(cause):
    return [step for block in cause.steps for step in block.steps]


# One problem per page: the title is the symptom -------------------------------------------------------------

ONE_PROBLEM = """
# Error 0x80070005 when you install updates

This article solves an issue where updates fail.

## Symptoms

When you install updates, you receive the following error message:

```
Error 0x80070005: Access is denied.
```

## Cause

This issue occurs because the `SoftwareDistribution` folder is damaged.

## Resolution

To resolve this issue, follow these steps:

1. Stop the service.
2. Rename the folder.

## More information

See [the update log](https://example.com/log).
"""


@pytest.fixture(scope="module")
def one_problem():
    return recognise(page(ONE_PROBLEM, "ms.md"))


def test_one_problem_is_named_by_the_page_title(one_problem):
    assert titles(one_problem) == ["Error 0x80070005 when you install updates"]


def test_one_problem_symptom(one_problem):
    assert one_problem.problems[0].symptom.startswith("When you install updates, you receive")


def test_one_problem_cause_title_drops_the_lead_in(one_problem):
    assert causes(one_problem.problems[0]) == ["The `SoftwareDistribution` folder is damaged."]


def test_one_problem_steps(one_problem):
    assert steps(one_problem.problems[0].causes[0]) == ["Stop the service.", "Rename the folder."]


def test_one_problem_steps_intro(one_problem):
    assert one_problem.problems[0].causes[0].steps[0].intro == "To resolve this issue, follow these steps:"


def test_hex_code_goes_on_the_problem(one_problem):
    assert one_problem.problems[0].codes == ["0x80070005"]


def test_error_message_in_a_code_block_is_a_phrase(one_problem):
    assert one_problem.problems[0].phrases == ["Error 0x80070005: Access is denied."]


def test_more_information_is_context_not_a_cause(one_problem):
    assert "the update log" in one_problem.problems[0].context


def test_intro_above_the_symptoms_is_context(one_problem):
    assert one_problem.problems[0].context.startswith("This article solves an issue")


def test_one_problem_has_no_warnings(one_problem):
    assert one_problem.warnings == []


def test_provenance_lines_of_the_cause(one_problem):
    span = one_problem.problems[0].causes[0].span
    assert (span.first, span.last) == (15, 16)


# Plaid's shape ----------------------------------------------------------------------------------------------

PLAID = """
# Link troubleshooting

## Missing institutions

### Symptom

The user cannot find their bank.

### Common causes

- The bank does not support a product you asked for.
- The bank's country is missing from `country_codes`.

### Troubleshooting steps

#### When a product is not supported

1. Move the product to `optional_products`.

#### When the country is missing

1. Add the country to `country_codes`.

## Duplicate Items

### Symptom

The user has two Items for one bank.

### Common causes

- The user linked the same bank twice.

### Troubleshooting steps

1. Call `/item/get` for each Item.
"""


@pytest.fixture(scope="module")
def plaid():
    return recognise(page(PLAID))


def test_plaid_sections(plaid):
    assert titles(plaid) == ["Missing institutions", "Duplicate Items"]


def test_plaid_causes(plaid):
    assert causes(plaid.problems[0]) == [
        "The bank does not support a product you asked for.",
        "The bank's country is missing from `country_codes`.",
    ]


def test_plaid_labelled_steps_pair_with_the_causes_in_order(plaid):
    assert [steps(cause) for cause in plaid.problems[0].causes] == [
        ["Move the product to `optional_products`."],
        ["Add the country to `country_codes`."],
    ]


def test_plaid_single_cause_gets_the_steps(plaid):
    assert steps(plaid.problems[1].causes[0]) == ["Call `/item/get` for each Item."]


# Several scenarios, grouped problems --------------------------------------------------------------------------

SCENARIOS = """
# Troubleshoot VM start failures

## Scenario 1: The VM is stuck in Starting

### Cause

The host is being serviced.

### Workaround

Redeploy the VM to another host.

## Scenario 2: The VM fails with an allocation error

### Cause

The region has no capacity for the size.

### Resolution

1. Choose another size.
2. Try again later.
"""


def test_scenarios_are_one_problem_each():
    assert titles(recognise(page(SCENARIOS))) == [
        "The VM is stuck in Starting",
        "The VM fails with an allocation error",
    ]


def test_scenario_workaround_fixes_its_cause():
    assert steps(recognise(page(SCENARIOS)).problems[0].causes[0]) == ["Redeploy the VM to another host."]


GROUPED = """
# Troubleshoot networking

## DNS

### Names do not resolve

#### Cause

The DNS server is unreachable.

#### Solution

Open port 53.

### Lookups are slow

#### Cause

The cache is disabled.

#### Solution

Enable the cache.
"""


def test_grouped_problems_under_a_group_heading():
    assert titles(recognise(page(GROUPED))) == ["Names do not resolve", "Lookups are slow"]


def test_grouped_problem_steps():
    recognition = recognise(page(GROUPED))
    assert steps(recognition.problems[1].causes[0]) == ["Enable the cache."]


# Numbered causes, bold labels, cause lists ---------------------------------------------------------------------

NUMBERED = """
# Cannot sign in

## Cause 1: The account is locked

The account was locked after five failed attempts.

## Cause 2: The password expired

Passwords expire after 90 days.

## Resolution for cause 2

Reset the password.

## Resolution for cause 1

Unlock the account in the portal.
"""


def test_numbered_causes_take_their_titles():
    assert causes(recognise(page(NUMBERED)).problems[0]) == ["The account is locked", "The password expired"]


def test_numbered_resolution_goes_to_its_cause():
    problem = recognise(page(NUMBERED)).problems[0]
    assert [steps(cause) for cause in problem.causes] == [
        ["Unlock the account in the portal."],
        ["Reset the password."],
    ]


def test_resolution_for_a_missing_cause_is_reported():
    recognition = recognise(page(NUMBERED.replace("Resolution for cause 1", "Resolution for cause 3")))
    assert [str(warning) for warning in recognition.warnings] == [
        "page.md:15: heading 'Resolution for cause 3' at line 15 under 'Cannot sign in' is the resolution for "
        "cause 3, but no cause 3 is above it (expected a heading such as 'Cause 3: ...'); its steps serve the "
        "causes before it"
    ]


BOLD = """
# Runner problems

## The runner does not pick up jobs

**Problem:** Jobs stay pending.

**Cause:** The runner's tags do not match the job's tags.

**Solution:**

1. Compare the tags.
2. Edit the runner.
"""


def test_bold_labels_make_a_problem():
    assert titles(recognise(page(BOLD))) == ["The runner does not pick up jobs"]


def test_bold_label_symptom():
    assert recognise(page(BOLD)).problems[0].symptom == "Jobs stay pending."


def test_bold_label_cause_and_steps():
    cause = recognise(page(BOLD)).problems[0].causes[0]
    assert (cause.title, steps(cause)) == (
        "The runner's tags do not match the job's tags.",
        ["Compare the tags.", "Edit the runner."],
    )


POSSIBLE = """
# Uploads fail

## Possible causes

- The file is larger than 100 MB.
- The network drops the connection.
- The token expired.

## Solution

Retry the upload with a new token.
"""


def test_possible_causes_list_is_one_cause_per_item():
    assert len(recognise(page(POSSIBLE)).problems[0].causes) == 3


def test_one_resolution_serves_every_cause():
    problem = recognise(page(POSSIBLE)).problems[0]
    assert {steps(cause)[0] for cause in problem.causes} == {"Retry the upload with a new token."}


def test_singular_cause_with_a_list_after_a_colon_lead_in():
    text = "# X fails\n\n## Cause\n\nIt happens for one of these reasons:\n\n- A\n- B\n\n## Resolution\n\nFix it.\n"
    assert causes(recognise(page(text)).problems[0]) == ["A", "B"]


def test_singular_cause_with_a_plain_list_is_one_cause():
    text = "# X fails\n\n## Cause\n\nThe cache is stale.\n\n- detail one\n- detail two\n\n## Resolution\n\nFix it.\n"
    assert causes(recognise(page(text)).problems[0]) == ["The cache is stale."]


# Tables ------------------------------------------------------------------------------------------------------

TABLE = """
# Common errors

| Issue | Solution |
| --- | --- |
| `ERR_QUOTA` when uploading | Raise the quota. |
| The upload hangs | Check the proxy. |
"""


def test_issue_solution_table_rows_are_problems():
    assert titles(recognise(page(TABLE))) == ["`ERR_QUOTA` when uploading", "The upload hangs"]


def test_table_fix_without_a_cause_is_unstated():
    cause = recognise(page(TABLE)).problems[0].causes[0]
    assert (cause.text, cause.stated, steps(cause)) == (NO_CAUSE, False, ["Raise the quota."])


def test_table_codes_go_on_their_row():
    assert [problem.codes for problem in recognise(page(TABLE)).problems] == [["ERR_QUOTA"], []]


def test_problem_cause_solution_table():
    text = (
        "# E\n\n| Problem | Cause | Solution |\n| - | - | - |\n"
        "| Slow | Disk full | Free space |\n| Slow | Low memory | Add memory |\n"
    )
    problem = recognise(page(text)).problems[0]
    assert (problem.title, causes(problem)) == ("Slow", ["Disk full", "Low memory"])


def test_cause_resolution_table_under_a_problem():
    text = (
        "# Sync fails\n\n## Causes\n\n| Cause | Resolution |\n| - | - |\n"
        "| Token expired | Renew it |\n| Clock skew | Sync the clock |\n"
    )
    problem = recognise(page(text)).problems[0]
    assert [steps(cause) for cause in problem.causes] == [["Renew it"], ["Sync the clock"]]


# Parts marked for machines: IBM Cloud roles, DITA ---------------------------------------------------------------

IBM = """
# Why can't I view the enterprise?

You might need to check your access.

[symptom] You can view some accounts but not the whole enterprise.

[cause] You are assigned access to only some accounts.

[resolution] To check your access, complete the following steps:

1. Go to **Manage** > **Access (IAM)**.
2. Select your name.
"""


def test_ibm_roles_make_one_problem():
    assert titles(recognise(page(IBM))) == ["Why can't I view the enterprise?"]


def test_ibm_role_parts():
    problem = recognise(page(IBM)).problems[0]
    assert (problem.symptom, causes(problem), steps(problem.causes[0])) == (
        "You can view some accounts but not the whole enterprise.",
        ["You are assigned access to only some accounts."],
        ["Go to **Manage** > **Access (IAM)**.", "Select your name."],
    )


def test_role_wins_over_words():
    text = "# T\n\n[cause]## Background\n\nThe cache is stale.\n\n[resolution]## Next steps\n\nClear it.\n"
    assert causes(recognise(page(text)).problems[0]) == ["The cache is stale."]


DITA = """
# Out of memory when opening large documents

[symptom]## Condition

The editor stops with an out of memory error.

[cause]## Cause

The JVM heap is too small.

[resolution]## Remedy

1. Raise `-Xmx`.

[cause]## Cause

Too many documents are open.

[resolution]## Remedy

1. Close some documents.
"""


def test_dita_solutions_pair_cause_and_remedy_in_order():
    problem = recognise(page(DITA)).problems[0]
    assert [steps(cause) for cause in problem.causes] == [["Raise `-Xmx`."], ["Close some documents."]]


# Error messages as headings (GitLab) -------------------------------------------------------------------------

GITLAB = """
# Troubleshooting mirroring

## Push mirror: `LFS objects are missing`

You might get an error that states:

```
LFS objects are missing. Ensure LFS is properly set up.
```

This issue occurs when you use an SSH repository URL for push mirroring.

The workaround is to use an HTTPS repository URL instead.

## Pull mirror is missing LFS files

In some cases, pull mirroring does not transfer LFS files. This issue occurs when you use an SSH URL.
The workaround is to use an HTTPS URL instead.

## Transfer mirror users to a service account

Create a service account and give it the Maintainer role.
"""


@pytest.fixture(scope="module")
def gitlab():
    return recognise(page(GITLAB, "gitlab.md"))


def test_error_headings_are_problems(gitlab):
    assert titles(gitlab) == ["Push mirror: `LFS objects are missing`", "Pull mirror is missing LFS files"]


def test_error_heading_cause_from_prose(gitlab):
    assert causes(gitlab.problems[0]) == ["You use an SSH repository URL for push mirroring."]


def test_error_heading_fix_from_prose(gitlab):
    assert steps(gitlab.problems[0].causes[0]) == ["The workaround is to use an HTTPS repository URL instead."]


def test_one_paragraph_is_split_into_symptom_cause_and_fix(gitlab):
    problem = gitlab.problems[1]
    assert (problem.symptom, causes(problem)) == (
        "In some cases, pull mirroring does not transfer LFS files.",
        ["You use an SSH URL."],
    )


def test_error_heading_message_is_a_phrase(gitlab):
    assert "LFS objects are missing" in gitlab.problems[0].phrases


def test_task_heading_after_problems_is_reported_as_left_out(gitlab):
    assert [warning.line for warning in gitlab.warnings] == [20]


# What is not importable ---------------------------------------------------------------------------------------


def test_page_without_problems_is_not_importable():
    recognition = recognise(page("# Install\n\n## Download\n\nGet the installer.\n\n## Run it\n\nDouble-click.\n"))
    assert not recognition.importable


def test_page_without_problems_says_why():
    recognition = recognise(page("# Install\n\nGet the installer.\n"))
    assert "no symptom with a cause or a fix found on the page" in recognition.warnings[-1].message


def test_symptom_without_cause_or_fix_is_reported():
    recognition = recognise(page("# T\n\n## Symptoms\n\nIt breaks.\n"))
    assert recognition.warnings[0].message.startswith(
        "'Symptoms' at line 3 under 'T' describes a symptom, but no cause"
    )


def test_single_cause_problem_has_one_cause(one_problem):
    assert len(one_problem.problems[0].causes) == 1


def test_fix_without_cause_gets_an_unstated_cause():
    problem = recognise(page("# Login fails\n\n## Resolution\n\nClear the cookies.\n")).problems[0]
    assert [(cause.stated, steps(cause)) for cause in problem.causes] == [(False, ["Clear the cookies."])]


def cause_and_solution():
    """Azure's shape: a "Cause and solution" part whose list items each hold a bold **Solution** paragraph."""
    outline = page("# Certificates\n\n## You can't buy a certificate\n\n### Symptom\n\nThe purchase fails.")
    items = [
        ListItem(12, "The plan is Free.", [Paragraph(14, "**Solution**: Upgrade the plan.")]),
        ListItem(16, "The card is invalid.", [Paragraph(18, "**Solution**: Add a valid card.")]),
    ]
    outline.blocks += [
        Heading(9, 3, "Cause and solution"),
        Paragraph(10, "This problem can occur for any of the following reasons:"),
        ListBlock(12, False, items),
    ]
    return recognise(outline)


def test_cause_and_solution_heading_is_a_part_of_the_problem():
    assert titles(cause_and_solution()) == ["You can't buy a certificate"]


def test_cause_and_solution_items_carry_their_own_fix():
    problem = cause_and_solution().problems[0]
    assert [steps(cause) for cause in problem.causes] == [["Upgrade the plan."], ["Add a valid card."]]


MESSAGES = """
# Error messages FAQ

## Error messages

### AcceptEx failed

This happens when a firewall filters the socket. Turn the filter off.

### Disk full

This happens when the disk is full. Delete old logs.
"""


def test_a_heading_under_an_error_messages_group_is_a_searchable_message():
    assert [problem.phrases for problem in recognise(page(MESSAGES)).problems] == [["AcceptEx failed"], ["Disk full"]]


def sections_below():
    """httpd's CGI tutorial: a list of what you may see, one item sending the reader to the sections below it."""
    outline = page("# CGI\n\n## Still not working\n\nYou may see one of these:")
    items = [
        ListItem(6, 'A message saying "Forbidden"', [Paragraph(7, "That means that there is a permissions problem.")]),
        ListItem(8, 'A message saying "Server Error"', [Paragraph(9, "Check each of the below sections to see why.")]),
    ]
    outline.blocks += [
        ListBlock(6, False, items),
        Heading(11, 3, "Path information"),
        Paragraph(13, "A CGI program has no PATH, so programs need a full path. Make sure that the path is right."),
        Heading(15, 3, "Syntax errors"),
        Paragraph(17, "Most of the time it is because of a problem with the program itself."),
    ]
    return recognise(outline)


def test_sections_a_problem_sends_the_reader_to_are_its_causes():
    assert causes(sections_below().problems[1]) == ["Path information", "Syntax errors"]


def test_a_section_taken_as_a_cause_keeps_its_fix():
    assert steps(sections_below().problems[1].causes[0]) == ["Make sure that the path is right."]


def test_sections_taken_as_causes_are_no_problems_of_their_own():
    assert titles(sections_below()) == ['A message saying "Forbidden"', 'A message saying "Server Error"']


TROUBLESHOOTING_PAGE = """
# Troubleshooting

## Caching issues

Retry with `--no-cache`.

## Defining tests

Jest finds no tests because the definition happens asynchronously.

## Debugging in an editor

There are several ways to attach a debugger.
"""


def test_on_a_troubleshooting_page_a_section_with_a_fix_or_cause_is_a_problem():
    assert titles(recognise(page(TROUBLESHOOTING_PAGE))) == ["Caching issues", "Defining tests"]


def test_elsewhere_a_lone_section_with_a_fix_is_no_problem():
    assert titles(recognise(page(TROUBLESHOOTING_PAGE.replace("# Troubleshooting", "# Jest guide")))) == []


def test_a_list_of_reasons_under_an_error_heading_is_not_a_list_of_problems():
    outline = page("# Troubleshooting\n\n## Web UI stuck at loading\n\nThis might have multiple reasons.")
    items = [
        ListItem(
            7, "If you built the image yourself, make sure the files exist.", [Paragraph(8, "Run collectstatic.")]
        ),
        ListItem(9, "Check the web server. You might see errors like this:", [Paragraph(10, "Set SENDFILE=0.")]),
    ]
    outline.blocks.append(ListBlock(7, False, items))
    assert titles(recognise(outline)) == ["Web UI stuck at loading"]


# An error reference page (MDN's shape): the message, then what went wrong ------------------------------------

MESSAGE_PAGE = """
# ReferenceError: "x" is not defined

## Message

```
ReferenceError: "x" is not defined
```

## Error type

ReferenceError.

## What went wrong?

There is a variable referenced somewhere that does not exist.
"""


def test_an_error_reference_page_is_one_problem():
    assert titles(recognise(page(MESSAGE_PAGE))) == ['ReferenceError: "x" is not defined']


def test_what_went_wrong_is_the_cause():
    assert causes(recognise(page(MESSAGE_PAGE)).problems[0]) == [
        "There is a variable referenced somewhere that does not exist."
    ]


def test_a_cause_label_over_only_the_message_is_the_symptom():
    text = MESSAGE_PAGE.replace("## Message", "## Reason")
    assert causes(recognise(page(text)).problems[0]) == [
        "There is a variable referenced somewhere that does not exist."
    ]


def test_a_cause_said_in_the_problem_parts_list_is_the_cause():
    text = """
    # FAQ

    ## Nodes get stuck

    ### Problem

    - When: on kernels from 5.12.2
    - Why: a kernel change stops kube-proxy setting a value

    ### Workaround

    Tell kube-proxy not to set it.
    """
    assert causes(recognise(page(text)).problems[0]) == ["a kernel change stops kube-proxy setting a value"]


UNKNOWN = """
# Webhook errors

## Error: `Service Unavailable`

```
Internal error occurred: Service Unavailable
```

We do not know the cause of this error. Please comment on the issue if you see it.

## Error: `i/o timeout`

This error happens because a firewall drops the packets.
"""


def test_an_error_whose_page_does_not_know_the_cause_is_left_out():
    assert titles(recognise(page(UNKNOWN))) == ["`i/o timeout`"]


def test_an_error_left_out_for_an_unknown_cause_is_reported_at_its_line():
    assert [warning.line for warning in recognise(page(UNKNOWN)).warnings] == [3]


FAQ_FIRST = """
# FAQ

## Issues with BTRFS

People on btrfs may need to mount /dev/mapper.

## Pods fail to start

This happens because the proxy certificate is not trusted.
"""


def test_a_section_before_the_first_problem_is_reported_when_kept_in_the_introduction():
    assert [warning.line for warning in recognise(page(FAQ_FIRST)).warnings] == [3]


def test_a_warning_quotes_a_heading_as_the_page_shows_it():
    text = NUMBERED.replace("Resolution for cause 1", "Resolution for cause 3")
    recognition = recognise(page(text.replace("Cannot sign in", "Cannot sign in as \\_admin\\_\\*")))
    assert "under 'Cannot sign in as _admin_*'" in str(recognition.warnings[0])


PROBLEM_SAYS_WHY = """
# Common errors

## Empty log output

### Problem

In some cases, the log output of a running instance is empty.

This occurs when the instance is not configured to send output to the console.

```
console: no output
```

### Solution

Append `console=ttyS0` to the kernel arguments.
"""


def test_a_cause_said_in_the_problem_text_is_the_cause():
    problem = recognise(page(PROBLEM_SAYS_WHY)).problems[0]
    assert [cause.text for cause in problem.causes] == [
        "This occurs when the instance is not configured to send output to the console."
    ]


def test_the_problem_text_before_the_cause_stays_the_symptom():
    problem = recognise(page(PROBLEM_SAYS_WHY)).problems[0]
    assert problem.symptom.startswith("In some cases, the log output of a running instance is empty.")


def test_a_message_shown_after_the_cause_in_the_problem_text_stays_the_symptom():
    problem = recognise(page(PROBLEM_SAYS_WHY)).problems[0]
    assert "console: no output" in problem.symptom


def test_the_solution_fixes_the_cause_said_in_the_problem_text():
    problem = recognise(page(PROBLEM_SAYS_WHY)).problems[0]
    assert steps(problem.causes[0]) == ["Append `console=ttyS0` to the kernel arguments."]


def test_a_problem_sentence_that_says_why_is_the_symptom_and_the_cause():
    text = """
    # Common errors

    ## Credential errors

    ### Problem

    Missing credentials cause a `403 forbidden` error.

    ### Solution

    Source the `novarc` file.
    """
    problem = recognise(page(text)).problems[0]
    assert (problem.symptom, causes(problem)) == (
        "Missing credentials cause a `403 forbidden` error.",
        ["Missing credentials cause a `403 forbidden` error."],
    )


def test_a_problem_text_without_a_cause_cue_leaves_the_cause_unstated():
    text = """
    # Common errors

    ## Instances stay pending

    ### Problem

    Sometimes a particular instance shows `pending`.

    ### Solution

    Use an image that supports injection.
    """
    assert [cause.text for cause in recognise(page(text)).problems[0].causes] == [NO_CAUSE]


FAQ_ANSWER = """
# FAQ

## Deployments fail with "failed to update MAC address"

This can result in errors saying the address is in use. This is because a virtual interface was orphaned.

### How did I get here?

A port was deleted outside of the usual workflow.

### How do I resolve this?

Delete the port with the offending MAC address.

## How do I fix `field not declared in schema`?

Argo CD relies on a static set of schemas.

### How do I fix the issue?

Upgrade Argo CD.

### How do I work around the issue?

Disable server-side apply.
"""


def test_an_faq_answer_with_question_sub_headings_is_one_problem_named_after_the_question():
    assert titles(recognise(page(FAQ_ANSWER))) == [
        'Deployments fail with "failed to update MAC address"',
        "How do I fix `field not declared in schema`?",
    ]


def test_a_cause_said_before_how_did_i_get_here_leads_that_cause():
    problem = recognise(page(FAQ_ANSWER)).problems[0]
    assert [cause.text for cause in problem.causes] == [
        "This is because a virtual interface was orphaned.\n\nA port was deleted outside of the usual workflow."
    ]


def test_the_opening_before_the_cause_stays_the_symptom():
    problem = recognise(page(FAQ_ANSWER)).problems[0]
    assert problem.symptom == "This can result in errors saying the address is in use."


def test_how_do_i_fix_and_work_around_the_issue_are_both_fixes():
    problem = recognise(page(FAQ_ANSWER)).problems[1]
    assert steps(problem.causes[0]) == ["Upgrade Argo CD.", "Disable server-side apply."]


def test_a_numbered_list_of_checks_is_no_list_of_problems():
    text = """
    # Troubleshooting

    ## No valid host was found

    This usually means a mismatch. A few things should be checked in this case:

    1. Make sure that enough nodes are not in maintenance mode.

       More about maintenance mode.

    2. Make sure that the flavor does not ask for missing properties.

       More about flavors.
    """
    assert titles(recognise(page(text))) == ["No valid host was found"]


FAQ_BULLETS = """
# FAQ

## Issues with ZFS

- k3s has no support for ZFS and thus, creating several servers fails, because the first server errors out.
  - This issue can be worked around by giving Docker another filesystem.
  - Related issues: [#66 - ZFS support](https://example.com/66)

## Nodes get stuck

### Problem

Nodes stay `NotReady`.

### Workaround

Set the value by hand.

## Pulls fail

### Problem

Images are not pulled.

### Cause

The registry limits pulls.
"""


def test_an_faq_answer_given_as_bullets_is_read_as_its_sentences():
    assert titles(recognise(page(FAQ_BULLETS))) == ["Issues with ZFS", "Nodes get stuck", "Pulls fail"]


def test_the_cause_said_in_a_bullet_is_the_cause():
    assert causes(recognise(page(FAQ_BULLETS)).problems[0]) == [
        "k3s has no support for ZFS and thus, creating several servers fails, because the first server errors out."
    ]


def test_a_bullet_of_links_is_neither_cause_nor_fix():
    problem = recognise(page(FAQ_BULLETS)).problems[0]
    assert steps(problem.causes[0]) == ["This issue can be worked around by giving Docker another filesystem."]


def test_a_list_of_the_parts_of_one_message_is_no_list_of_problems():
    text = """
    # FAQ

    ## How do I fix `The order in patch list doesn't match`?

    An application may trigger a sync error with a message like this one.

    There are two parts to the message:

    1. `The order in patch list: [`
      - This identifies values for items that appear multiple times.
    2. `doesn't match $setElementOrder list: [`
      - This includes all of the keys.

    To fix it, remove the duplicated keys.
    """
    assert titles(recognise(page(text))) == ["How do I fix `The order in patch list doesn't match`?"]


def test_an_faq_yes_or_no_question_is_not_a_problem():
    found = recognise(page("# FAQ\n\n## Is it safe to run `celery worker` as root?\n\nNo! It can run any code.\n"))
    assert titles(found) == []


GROUP_IN_A_PAGE_PROBLEM = """
# Troubleshoot terminal launch failures

## Troubleshooting steps

1. Check your settings.

## Common issues on Windows

### The terminal exited with code 1

This error can happen if WSL has no default distribution.

### A native exception occurred

Typically this error occurs due to anti-virus software blocking the terminal process.
"""


def test_a_group_of_problems_in_a_page_problem_is_not_absorbed_into_its_steps():
    assert titles(recognise(page(GROUP_IN_A_PAGE_PROBLEM))) == [
        "The terminal exited with code 1",
        "A native exception occurred",
        "Troubleshoot terminal launch failures",
    ]


def test_a_lone_section_in_a_page_problem_stays_part_of_its_steps():
    text = GROUP_IN_A_PAGE_PROBLEM.split("### A native")[0]
    assert titles(recognise(page(text))) == ["Troubleshoot terminal launch failures"]


AREA_ERRORS = """
# Troubleshoot deployment issues

## General: Undefined method handler

**Error:** *index.handler is undefined or not exported*

The name of the handler method in your configuration doesn't match your code.

## Amazon S3: Wrong region

**Issue:** *The upload is redirected.*

This issue can occur when the bucket is in another Region than the function.
"""


def test_sections_that_quote_their_error_are_problems_explained_by_their_prose():
    found = recognise(page(AREA_ERRORS))
    assert [problem.causes[0].text.split("\n")[0] for problem in found.problems] == [
        "The name of the handler method in your configuration doesn't match your code.",
        "This issue can occur when the bucket is in another Region than the function.",
    ]


def test_the_quoted_error_of_a_section_is_a_phrase():
    assert recognise(page(AREA_ERRORS)).problems[0].phrases == ["index.handler is undefined or not exported"]


ERROR_INDEX_PAGE = """
A variable was borrowed as mutable more than once.

Erroneous code example:

```
let mut x = &mut i;
let mut a = &mut i;
```

Example:

```
let mut x = &mut i; // ok!
```
"""


def test_a_headingless_page_named_by_an_error_code_is_that_error():
    assert titles(recognise(page(ERROR_INDEX_PAGE, "E0499.md"))) == ["E0499"]


def test_the_code_in_the_file_name_is_the_problem_code():
    assert recognise(page(ERROR_INDEX_PAGE, "E0499.md")).problems[0].codes == ["E0499"]


def test_the_first_paragraph_of_an_error_code_page_is_its_cause():
    problem = recognise(page(ERROR_INDEX_PAGE, "E0499.md")).problems[0]
    assert problem.causes[0].title == "A variable was borrowed as mutable more than once."


def test_a_headingless_page_with_an_ordinary_name_is_no_error_page():
    assert titles(recognise(page(ERROR_INDEX_PAGE, "borrowing.md"))) == []


CAUSE_BEFORE_LABELS = """
# Troubleshooting

## Common issues

### 2) http: server gave HTTP response to HTTPS client

When pushing to a registry, TLS verification is on. If authentication is not used, this error can occur.

#### Symptom

```
http: server gave HTTP response to HTTPS client
```

#### Solution

Pass `--tls-verify=false`.

### 3) Unrelated

Nothing here explains anything.

#### Symptom

It fails.

#### Solution

Restart it.
"""


def test_a_cause_said_before_the_symptom_label_is_the_cause():
    problem = recognise(page(CAUSE_BEFORE_LABELS)).problems[0]
    assert problem.causes[0].title == "If authentication is not used, this error can occur."


def test_a_cause_said_before_the_labels_gets_the_solution():
    assert steps(recognise(page(CAUSE_BEFORE_LABELS)).problems[0].causes[0]) == ["Pass `--tls-verify=false`."]


def test_an_opening_without_a_cue_leaves_the_cause_unstated():
    assert recognise(page(CAUSE_BEFORE_LABELS)).problems[1].causes[0].stated is False
