"""Real docs pages (tests/fixtures/import_corpus): each draft documents what a reader of the page says it does.

expected.yaml was written by reading the pages; per page it lists phrases that must appear in a symptom's title,
in some cause, and among the codes and phrases search finds. Every draft must also check, load and walk.
"""

from __future__ import annotations

import dataclasses
import re
from functools import cache

import pytest
import yaml

from tests.conftest import FIXTURES
from wizard.content import read_guide_text
from wizard.content.graph import QUESTION, RESOLUTION, START
from wizard.importers import Draft, import_page
from wizard.importers.markup import unescaped
from wizard.importers.read import read_path
from wizard.search import index, search
from wizard.services.load import guides_load

CORPUS = FIXTURES / "import_corpus"
PAGES = yaml.safe_load((CORPUS / "expected.yaml").read_text(encoding="utf-8"))
IMPORTABLE = [page for page in PAGES if page["shape"] != "none"]
NONE = [page for page in PAGES if page["shape"] == "none"]


# A page the importer finds nothing on has no draft: every aspect after 'imports' fails with it.
NO_DRAFT = "nothing is imported (see 'imports'), so there is no draft"

# What the importer does not yet get right, page by page, said plainly: {(file, aspect): reason}, where aspect is
# one of "imports", "symptoms", "causes", "codes", "single", "checks", "walks", "loads", "search", "nothing".
# Strict: a fixed gap fails until removed.
KNOWN_GAPS: dict[tuple[str, str], str] = {
    ("jest/troubleshooting.html", "causes"): "two causes are explained after the fix, without a cue "
    "('Retry with --no-cache. Jest caches transformed module files'; 'Make sure you are not using "
    "babel-plugin-istanbul. ... hence it is not being ignored')",
    ("openstack/support-compute.rst", "causes"): "'The WWN may not be zoned correctly' in the Problem text is a "
    "hedged cause with no cue ('may not be <done> correctly' also says symptoms: 'may not be shown correctly')",
    ("openstack/ironic-troubleshooting.rst", "symptoms"): "'Why are my nodes stuck in a \"wait\" state?' has "
    "unlabelled sub-sections that are its causes and fixes ('Communication issues between the conductor and the node', "
    "'Ironic Python Agent stuck', 'Stopping the operation'): read as problems of their own",
    ("mod_wsgi/configuration-issues.rst", "symptoms"): "sections named by topic ('Location of UNIX sockets') with "
    "the symptom, cause and fix in prose and no cue sentence are left out",
    ("mod_wsgi/configuration-issues.rst", "causes"): "the same sections: their causes are in prose without a cue",
    ("mod_wsgi/configuration-issues.rst", "codes"): "the WSGI0117 log line and the 503 are in a section that is "
    "left out (see symptoms)",
    # Held-out pages (HELDOUT.md): what the importer still does not read as a reader does.
    ("cert-manager/webhook.md", "symptoms"): "five errors the page says it cannot explain ('We do not know the cause') "
    "are left out with a warning: the draft format has no place for an error with neither cause nor fix",
    (
        "homebrew/Troubleshooting.md",
        "nothing",
    ): "'Collect diagnostic information' ('For a formula installation or build "
    "failure, upload its logs') reads as a problem with a fix on a page titled Troubleshooting",
    (
        "argo-cd/troubleshooting-errors.md",
        "symptoms",
    ): "'config referenced xxx, but key does not exist in secret' gives "
    "a list of checks without a cause or fix cue and is left out with a warning",
    ("k3d/faq.html", "causes"): "'Problem: the certificate of the corporate proxy cannot be validated' is labelled "
    "Problem on the page, but a reader takes it as the cause of the error in the heading",
    ("k3d/faq.txt", "symptoms"): "'Spurious PID entries' gives its fix as 'If you observe ..., you can check' "
    "(no cue), and its 'Problem: Due to above, you'll see ...' reports the message",
    ("k3d/faq.txt", "causes"): "the scrape joins the evictions entry's lost bullets into one item ('Background: "
    "... Possible fix/workaround by @zer0def: ...'), and the certificate entry's cause is labelled Problem",
    ("k3d/faq.txt", "codes"): "the scrape lost the code spans that held the messages ('x509: certificate signed by "
    "unknown authority', 'nf_conntrack_max: permission denied', 'You have reached your pull rate limit')",
    # Second held-out set (HELDOUT.md): measured blind on main at a72bd63; nothing under wizard/ was changed.
    (
        "buildah/troubleshooting.md",
        "causes",
    ): "each problem says its cause in the paragraph that opens it, before '#### Symptom': read only from a "
    "cue that opens a sentence ('If authentication is not used ..., this error can occur', 'This is expected "
    "behavior'), so 'it is likely that ... registries.conf' (mid-sentence), 'tls verification is turned on by "
    "default' (the sentence before the cue) and 'does not understand user namespace' are not read",
    (
        "buildah/troubleshooting.md",
        "codes",
    ): "the messages are the last lines of the '#### Symptom' console blocks (after the '# buildah ...' root "
    "prompt, not the first line after it); the 'No such image' and OverlayFS blocks give none",
    (
        "buildah/troubleshooting.txt",
        "symptoms",
    ): "in the scrape, the '1) No such image' headings and the bare 'Symptom' / 'Solution' lines are not "
    "recovered as headings: one problem named after a log line, one 'Troubleshooting'",
    ("buildah/troubleshooting.txt", "causes"): "the causes of the problems whose headings were lost",
    ("buildah/troubleshooting.txt", "codes"): "the messages of the problems whose headings were lost",
    ("aws-lambda/troubleshooting-deployment.md", "causes"): "the S3 section's cause ('the bucket must be in the "
    "same Region') is passed over for the cue sentence after it ('This issue can occur when'); the undefined-handler "
    "cause is said without a cue and its section gives no fix cue either",
    ("aws-lambda/troubleshooting-deployment.md", "codes"): "'is undefined or not exported', the first of four "
    "'**Error:**' messages of the undefined-handler section, is not among its phrases",
    ("aws-lambda/troubleshooting-networking.md", "symptoms"): "'Function needs access to AWS services without using "
    "the internet' ('**Issue:**' then 'all outbound requests go through the VPC', no cue) is left out with a warning",
    ("aws-lambda/troubleshooting-networking.md", "causes"): "the cause of the section left out ('all outbound "
    "requests go through the VPC')",
    (
        "aws-lambda/troubleshooting-invocation.md",
        "symptoms",
    ): "ten of the fifteen '**Error:**' / '**Issue:**' sections are read; four whose cause is said without a cue "
    "(concurrency pools, alias routing, cold starts, latency) are left out with a warning, and the "
    "KMSDisabledException error under 'Cold starts with new versions' is not a problem of its own",
    (
        "aws-lambda/troubleshooting-invocation.md",
        "causes",
    ): "the causes of the four sections left out; 'must have permission to invoke a function' and "
    "'mount operation timed out' are said without a cue the importer knows; 'KMS key is disabled' is found as "
    "'(AWS KMS) key is disabled', which the phrase does not match word for word",
    (
        "flutter/common-errors.md",
        "codes",
    ): "the messages are in '```plaintext' blocks under '**What does the error look like?**' opening with "
    "'The following assertion was thrown ...': not taken; a prose fragment ('(its parent) can allocate to"
    " it, causing an overflow error. Why does the') is taken as a message instead",
    (
        "jupyter/troubleshooting.md",
        "symptoms",
    ): "'Python Environments' (named by topic, its symptoms after 'Indicators of this scenario include:') "
    "and 'pywin32 Issues' (tracebacks in list items, the fix in a blockquote under '#### Resolving "
    "pywin32 Issues') are left out with a warning",
    (
        "jupyter/troubleshooting.md",
        "causes",
    ): "causes said in bullets and prose without a known cue ('Some internet security software can "
    "interfere', 'What has happened is that you have named a file that conflicts'); the kernel section's "
    "first sentence ('Files called kernel specs tell Jupyter ...'), context, is taken as its cause",
    (
        "jupyter/troubleshooting.md",
        "codes",
    ): "ImportError, DLL load failed and FileNotFoundError are in the sections left out",
    (
        "electron/faq.md",
        "symptoms",
    ): "'Why am I having trouble installing Electron?' ('these errors are the result of network problems') "
    "and 'The font looks blurry' ('If sub-pixel anti-aliasing is deactivated, then fonts ... can look "
    "blurry') are left out with a warning",
    (
        "electron/faq.md",
        "causes",
    ): "the two left-out answers' causes",
    ("electron/faq.md", "codes"): "ELIFECYCLE, EAI_AGAIN, ECONNRESET and ETIMEDOUT are in the left-out install answer",
    (
        "poetry/faq.md",
        "symptoms",
    ): "'Poetry busts my Docker cache ...' explains itself with 'This interacts poorly with Docker's caching"
    " mechanisms because': not read, left out with a warning",
    (
        "poetry/faq.md",
        "causes",
    ): "the Python-range answer's cause ('Unlike pip, Poetry doesn't resolve for just the Python in the "
    "current environment') is passed over for context ('This means your project aims ...'); the Docker "
    "cause is left out with its question",
    (
        "pipx/troubleshoot.rst",
        "symptoms",
    ): "'Clear runpip cache warnings', 'Debian and Ubuntu issues' and 'Naming a pipx app in your own "
    "shebang' say their causes without a known cue ('come from that pip', 'Debian systems do not add them"
    " by default', 'because the kernel reads'): left out with a warning",
    (
        "pipx/troubleshoot.rst",
        "causes",
    ): "'Wrong package version installed' ('When a package drops support ...') and 'sudo pipx not found' "
    "('Root's PATH does not include that directory') get no cause; procedures ('Diagnose and repair "
    "environments', 'Start over from a fresh install', 'Log files') "
    "are imported as problems with their instructions as causes",
    (
        "pipx/troubleshoot.rst",
        "codes",
    ): "'WARNING: Cache entry deserialization failed' is in a section left out",
    (
        "pipx/troubleshoot.rst",
        "single",
    ): "procedures imported as problems get two causes (the unstated one and a sentence of the procedure), "
    "so the walk asks a question",
    (
        "celery/faq.rst",
        "symptoms",
    ): "'Task results aren't reliably returning', 'Why is Task.delay/apply*/the worker just hanging?' "
    "('There's a bug in some AMQP clients') and 'I've purged messages, but there are still messages left'"
    " are left out: no cue in their answers",
    (
        "celery/faq.rst",
        "causes",
    ): "the causes of those three, and 'RabbitMQ will crash if it runs out of memory' (imported without a cause)",
    (
        "celery/faq.rst",
        "codes",
    ): "the heading 'I'm having IntegrityError: Duplicate Key errors' gives only 'IntegrityError', not the message",
    ("rustup/faq.txt", "symptoms"): NO_DRAFT,
    (
        "vscode/troubleshoot-terminal-launch.md",
        "symptoms",
    ): "three of the five '###' problems under '## Common issues on Windows' are imported; 'Make sure compatibility "
    "mode is disabled' (an instruction, its cause said without a cue) and 'Terminal exits with code 259' ('can mean "
    "`STILL_ACTIVE`') are left out with a warning",
    (
        "vscode/troubleshoot-terminal-launch.md",
        "causes",
    ): "the causes of the two Windows problems left out ('If compatibility mode is enabled ... the terminal breaks', "
    "'keeping a terminal shell process active')",
    (
        "vscode/troubleshoot-terminal-launch.md",
        "codes",
    ): "the exit code 259 and STILL_ACTIVE are in a problem left out; 'exits with code 3221225786' is not read as a "
    "code ('exit code N' is)",
    ("rust/E0499.md", "codes"): "the message 'cannot borrow `i` as mutable more than once' is a comment on the "
    "last line of the erroneous example, not a message block of its own",
    # Third held-out set (HELDOUT.md): measured blind on main at 9f9c956; nothing under wizard/ was changed.
    ("vite/troubleshooting.md", "symptoms"): "'This package is ESM only', 'Network requests stop loading', 'Cross "
    "drive links on Windows' and 'Default import unexpectedly returns an object' explain themselves without a cue "
    "the importer reads ('In Node.js <=22, ESM files cannot be loaded', 'When using a self-signed SSL certificate, "
    "Chrome ignores', 'If there's a cross drive links ...', 'The default import returns ...'): left out with a "
    "warning; 'Failed to fetch dynamically imported module' is split into its '####' causes ('Version skew', 'Poor "
    "network conditions'), each read as a problem",
    ("vite/troubleshooting.md", "causes"): "'The path to your project folder may include &', 'file descriptor "
    "limits and inotify limits may be causing the issue' and 'Some browser extensions ... may prevent the Vite "
    "client' are not read (does not say what causes this); version skew's intro ('still reference old chunk names') "
    "is passed over for its numbered scenario, split into three causes; strict mode gets 'This is because ...', not "
    "the sentence before it; the causes of the four left-out problems",
    ("vite/troubleshooting.md", "codes"): "ERR_REQUIRE_ESM and 'Element type is invalid' are in left-out problems; "
    "Chrome's '... has been blocked by CORS policy' blockquote is not taken (Firefox's is); a code line (import "
    "'./Foo.js' with its comment) is taken as a message",
    ("pnpm/errors.md", "causes"): "'A project has a workspace dependency that does not exist ...', 'The config field "
    "... defines a release channel different from version suffix' and '... has an invalid syntax' say what is wrong "
    "without a cue word: imported as unstated causes; TARBALL_INTEGRITY's causes are lost with its heading",
    ("pnpm/errors.txt", "symptoms"): "the scrape's first line, 'ERR_PNPM_UNEXPECTED_STORE', is taken as the page "
    "title, so the first error is not a problem, and no warning says so",
    ("pnpm/errors.txt", "causes"): "the first error's cause, lost with it",
    ("pnpm/errors.txt", "codes"): "ERR_PNPM_UNEXPECTED_STORE, lost with it",
    ("pnpm/faq.md", "causes"): "'In most cases it means that one of the dependencies require packages not declared "
    "in package.json' is not read as the cause (imported as 'does not say what causes this'); five design "
    "questions are imported as problems instead ('What does pnpm stand for?', 'Why have hard links at all?', ...)",
    ("supabase/edge-function-546-error-response.mdx", "symptoms"): "the title is in TOML front matter (title = '546 "
    "- WORKER_LIMIT Exceeded') between '---' lines, read as YAML and dropped: no title, and 'Context for the error' "
    "and 'Exploring for failure patterns in the logs' become the problems",
    ("supabase/edge-function-546-error-response.mdx", "causes"): "the opening sentence ('A 546 error indicates that "
    "an edge function used more resources ... than it was allocated') is not read, nor the bold run-in 'Common "
    "culprits' under 'Step 3: Correcting the error'",
    ("supabase/edge-function-546-error-response.mdx", "codes"): "WORKER_LIMIT (front matter, JSON body) and the log "
    "messages 'Memory limit exceeded' / 'CPU Time exceeded' are not taken; JSX attributes ('justified size='), a SQL "
    "format string ('%Y-%m-%d %H:00') and sentences inside the <Accordion> are taken as messages",
    ("supabase/fatal-password-authentication-failed.mdx", "causes"): "the '## Check ...' sections, each a possible "
    "cause (reserved characters not percent-encoded, credentials cached by the pooler), are read as sections before "
    "the first problem, with a warning each",
    ("supabase/fatal-password-authentication-failed.mdx", "codes"): "'FATAL: Password authentication failed' and "
    "SQLSTATE 28P01 are not taken (the other error's 'Circuit breaker open' is)",
    ("syncthing/troubleshooting.rst", "symptoms"): "'Why does it use so much CPU?' (four numbered reasons) and 'Why "
    "do my Windows computers always connect through a relay?' ('this setting commonly prevents applications ... "
    "from being able to establish direct connections') are left out with a warning",
    ("syncthing/troubleshooting.rst", "causes"): "the causes of those two; 'Host check error' ('Syncthing does an "
    "extra security check when the GUI/API is bound to localhost') and 'folder marker missing' (bulleted situations, "
    "'It is possible that a file cleaning software has removed') are imported without a cause",
    ("restic/faq.rst", "symptoms"): "'Why does restic perform so poorly on Windows?' ('the real-time protection of "
    "antivirus software can interfere') is left out with a warning",
    ("restic/faq.rst", "causes"): "that cause; the tilde example ('The error here is that the tilde ... didn't get "
    "expanded as it is quoted') and the request timeout ('it sometimes takes longer than that ..., causing the "
    "following error') are imported without a cause",
    ("restic/faq.rst", "codes"): "'not referenced in any index' is in a '::' literal block of console output and "
    "not taken",
    ("restic/077_troubleshooting.rst", "symptoms"): "a recovery procedure for one problem (a damaged repository): the "
    "numbered '****' step sections become problems ('4. Removing broken snapshots', '5. Running all backups "
    "(optional)', '6. ...'), the others are warned about as '1.', '2.', '3.', '7.' (the heading cut at its number)",
    ("restic/077_troubleshooting.rst", "causes"): "'This can occur due to hardware failures, accidentally removing "
    "files from the repository or bugs in the implementation of restic' in the introduction is not read; step "
    "instructions are taken as causes",
    ("restic/077_troubleshooting.rst", "codes"): "'Fatal: repository contains errors' (console output) and "
    "'ciphertext verification failed' (a code span in prose) are not taken",
    ("nextcloud/code_signing.rst", "symptoms"): "the 'Errors' section is a nested bullet list (a code, then its "
    "meaning and cause as a sub-item; EXCEPTION nests four messages): not read as problems; 'Not open source "
    "anymore?' (a question about the project) is imported as a problem",
    ("nextcloud/code_signing.rst", "causes"): "the causes in that list ('This usually happens when the file has been "
    "modified after writing the signature data', ...); the integrity-message problem gets none",
    ("nextcloud/code_signing.rst", "codes"): "'Signature data not found.', a code span in the nested list, is not "
    "taken (the three codes beside it are)",
    ("nextjs/react-hydration-error.mdx", "causes"): "'## Common iOS issues' ('iOS attempts to detect phone numbers "
    "... leading to hydration mismatches') is left out with a warning",
    ("nextjs/react-hydration-error.mdx", "codes"): "no code or phrase at all: the message in the title is not taken",
    ("dellhw_exporter/troubleshooting.html", "imports"): "one '## No metrics being exported' problem whose cause is "
    "said as 'it is probably that your OMSA / srvadmin services are not running' (no cue the importer knows), then a "
    "broken sentence and checks: nothing imported",
    ("dellhw_exporter/troubleshooting.html", "symptoms"): NO_DRAFT,
    ("dellhw_exporter/troubleshooting.html", "causes"): NO_DRAFT,
    ("dellhw_exporter/troubleshooting.html", "codes"): NO_DRAFT,
    ("dellhw_exporter/troubleshooting.html", "checks"): NO_DRAFT,
    ("dellhw_exporter/troubleshooting.html", "walks"): NO_DRAFT,
    ("dellhw_exporter/troubleshooting.html", "loads"): NO_DRAFT,
    ("dellhw_exporter/troubleshooting.txt", "imports"): "the same page as a scrape (navigation, two tables of "
    "contents, line-numbered code): nothing imported",
    ("dellhw_exporter/troubleshooting.txt", "symptoms"): NO_DRAFT,
    ("dellhw_exporter/troubleshooting.txt", "causes"): NO_DRAFT,
    ("dellhw_exporter/troubleshooting.txt", "codes"): NO_DRAFT,
    ("dellhw_exporter/troubleshooting.txt", "checks"): NO_DRAFT,
    ("dellhw_exporter/troubleshooting.txt", "walks"): NO_DRAFT,
    ("dellhw_exporter/troubleshooting.txt", "loads"): NO_DRAFT,
    ("zulip/troubleshooting.md", "symptoms"): "of the three problems in bullets under 'Troubleshooting services', the "
    "first ('If your browser reports no webserver is running, that is likely because ...') is dropped without a "
    "warning, and the port-scan one is named after its lead sentence ('... you may see messages in "
    "/var/log/zulip/server.log like'); the 'Invalid HTTP_HOST header' message in the code block under it is not in "
    "the title",
    ("zulip/troubleshooting.md", "causes"): "the bullet problems' causes stay in their titles ('usually means that "
    "RabbitMQ is not running'); the port scan gets Django's explanation; 'Restrict unattended upgrades' says its "
    "cause after an ':::{important}' callout ('... will drop the connections') and gets none; three supervisorctl "
    "procedures are imported as problems with their instructions as causes",
    # Fourth held-out set (HELDOUT.md): measured blind on main at 258a0f1; nothing under wizard/ was changed.
    ("jekyll/troubleshooting.md", "symptoms"): "most problems are paragraphs, not headings ('On Ubuntu if you get "
    "stuck ... it's likely because', 'If you see the following error when running the jekyll new command'), or sit "
    "under headings that name a platform or a topic ('### macOS', '### Liquid', '### Excerpts', '## Base-URL "
    "Problems', '## Configuration problems'), left out with warnings; 'Production Problems' is named after its group "
    "heading; two set-up sections ('Running Jekyll as Non-Superuser', 'Jekyll & macOS') are imported as problems",
    ("jekyll/troubleshooting.md", "causes"): "'it's likely because all requirements have not been fully met', 'may "
    "fail with older version ffi', the explicit 'exclude:' array, 'Liquid version 2.0 seems to break' and 'passes "
    "these excerpts through Liquid, which can cause' are in problems left out; 'Jekyll & macOS' gets 'Either of "
    "these approaches are useful because ...' as its cause",
    ("jekyll/troubleshooting.md", "codes"): "no message taken: 'ExecJS::RuntimeUnavailable' stays in its heading "
    "(in parentheses after the message), 'Could not locate Gemfile' is inline in a paragraph, 'Liquid::SyntaxError' "
    "and 'YOUR SITE COULD NOT BE BUILT' are in code blocks of problems left out; GEM_HOME (a set-up variable) is "
    "taken instead",
    ("dapr/common_issues.md", "symptoms"): "'I don't see the Dapr sidecar injected to my pod' is lost and two of its "
    "bullet causes become problems named after their whole sentence ('If you are deploying Dapr on a private GKE "
    "cluster, ...', '... on Amazon EKS ...'); 'I don't see any incoming events or calls from other services' (a "
    "question back, 'Have you specified the port ...?', then 'make sure') is left out with a warning",
    ("dapr/common_issues.md", "causes"): "'make sure Dapr was deployed to the cluster before' and the private GKE "
    "cluster are in the split sidecar bullets (the GKE one is a title, with the log-checking instruction as its "
    "cause); 'Microsoft Content Filter is the culprit' and 'due to admission webhook having an allowlist for service "
    "accounts' are not read (does not say what causes this)",
    ("dapr/common_issues.md", "codes"): "'could not connect to docker' (after an emoji line in a bash block) is not "
    "taken; the admission webhook block starts with a prompt, and its command line ('root:[dapr]$ kubectl run ...') "
    "is taken instead of 'Error from server: admission webhook ... denied the request'",
    ("dapr/error_codes.md", "imports"): "a two-column table of 29 error codes and their descriptions (rows without a "
    "closing pipe), under no heading: nothing imported",
    ("dapr/error_codes.md", "symptoms"): NO_DRAFT,
    ("dapr/error_codes.md", "causes"): NO_DRAFT,
    ("dapr/error_codes.md", "codes"): NO_DRAFT,
    ("dapr/error_codes.md", "single"): NO_DRAFT,
    ("dapr/error_codes.md", "checks"): NO_DRAFT,
    ("dapr/error_codes.md", "walks"): NO_DRAFT,
    ("dapr/error_codes.md", "loads"): NO_DRAFT,
    ("dapr/error_codes.md", "search"): NO_DRAFT,
    ("linkerd/failfast.md", "imports"): "no headings: the front-matter title is the symptom and 'it means that the "
    "proxy has determined that there are no available endpoints' its cause: nothing imported",
    ("linkerd/failfast.md", "symptoms"): NO_DRAFT,
    ("linkerd/failfast.md", "causes"): NO_DRAFT,
    ("linkerd/failfast.md", "codes"): NO_DRAFT,
    ("linkerd/failfast.md", "single"): NO_DRAFT,
    ("linkerd/failfast.md", "checks"): NO_DRAFT,
    ("linkerd/failfast.md", "walks"): NO_DRAFT,
    ("linkerd/failfast.md", "loads"): NO_DRAFT,
    ("linkerd/failfast.md", "search"): NO_DRAFT,
    ("linkerd/http-503-504.md", "imports"): "no headings: '503s and 504s show up when a Linkerd proxy is trying to "
    "make so many requests ...', then load-shedding and failfast explained in prose: nothing imported",
    ("linkerd/http-503-504.md", "symptoms"): NO_DRAFT,
    ("linkerd/http-503-504.md", "causes"): NO_DRAFT,
    ("linkerd/http-503-504.md", "codes"): NO_DRAFT,
    ("linkerd/http-503-504.md", "checks"): NO_DRAFT,
    ("linkerd/http-503-504.md", "walks"): NO_DRAFT,
    ("linkerd/http-503-504.md", "loads"): NO_DRAFT,
    ("linkerd/http-503-504.md", "search"): NO_DRAFT,
    ("linkerd/protocol-detection.md", "imports"): "no headings: 'If your proxy logs contain messages like ... you're "
    "probably running a situation where Linkerd cannot detect the protocol. This is most common for ...': nothing "
    "imported",
    ("linkerd/protocol-detection.md", "symptoms"): NO_DRAFT,
    ("linkerd/protocol-detection.md", "causes"): NO_DRAFT,
    ("linkerd/protocol-detection.md", "codes"): NO_DRAFT,
    ("linkerd/protocol-detection.md", "checks"): NO_DRAFT,
    ("linkerd/protocol-detection.md", "walks"): NO_DRAFT,
    ("linkerd/protocol-detection.md", "loads"): NO_DRAFT,
    ("linkerd/protocol-detection.md", "search"): NO_DRAFT,
    ("hugo/faq.md", "imports"): "questions and answers as Markdown definition lists (a question line, then ': "
    "answer'), no headings: nothing imported",
    ("hugo/faq.md", "symptoms"): NO_DRAFT,
    ("hugo/faq.md", "causes"): NO_DRAFT,
    ("hugo/faq.md", "codes"): NO_DRAFT,
    ("hugo/faq.md", "checks"): NO_DRAFT,
    ("hugo/faq.md", "walks"): NO_DRAFT,
    ("hugo/faq.md", "loads"): NO_DRAFT,
    ("hugo/faq.md", "search"): NO_DRAFT,
    ("gunicorn/faq.md", "symptoms"): "'Why are workers silently killed?' ('A common culprit is the OOM killer'), "
    "'Why don't I see logs in the console?' ('Gunicorn 19.0 disabled console logging by default') and 'Why is there "
    "no HTTP keep-alive?' ('The default sync workers target Nginx') are left out with warnings; two how-to questions "
    "are imported as problems ('How do I set SCRIPT_NAME?', 'How can I disable the use of sendfile()?')",
    ("gunicorn/faq.md", "causes"): "the causes of the three problems left out; the two how-to questions get their "
    "answers as causes",
    ("gunicorn/faq.md", "codes"): "'ImproperlyConfigured' stays in its heading; 'Memory cgroup out of memory ... "
    "Killed process' is inline in a problem left out; SCRIPT_NAME (a how-to's variable) is taken",
    ("gunicorn/faq.html", "symptoms"): "'Why are workers silently killed?' ('A common culprit is the OOM killer'), "
    "'Why don't I see logs in the console?' ('Gunicorn 19.0 disabled console logging by default') and 'Why is there "
    "no HTTP keep-alive?' ('The default sync workers target Nginx') are left out with warnings; two how-to questions "
    "are imported as problems ('How do I set SCRIPT_NAME?', 'How can I disable the use of sendfile()?')",
    ("gunicorn/faq.html", "causes"): "the causes of the three problems left out; the two how-to questions get their "
    "answers as causes",
    ("gunicorn/faq.html", "codes"): "'ImproperlyConfigured' stays in its heading; 'Memory cgroup out of memory ... "
    "Killed process' is inline in a problem left out; SCRIPT_NAME (a how-to's variable) is taken",
    ("gunicorn/faq.txt", "symptoms"): "in the scrape only 'How do I set SCRIPT_NAME?' (a how-to, first after the "
    "dropped navigation) is imported; every other question is left out with a warning, including 'Django reports "
    "ImproperlyConfigured' and 'How do I avoid blocking in os.fchmod?', which the Markdown and HTML pages give",
    ("gunicorn/faq.txt", "causes"): "the causes of the five problems, left out with them",
    ("gunicorn/faq.txt", "codes"): "'ImproperlyConfigured' and 'Memory cgroup out of memory' are in problems left "
    "out; SCRIPT_NAME is taken",
    ("opentelemetry/python-troubleshooting.md", "causes"): "'Running opentelemetry-bootstrap -a install when using "
    "the uv package manager may result in errored or unexpected dependency setups' is not read (does not say what "
    "causes this)",
    ("mypy/common_issues.rst", "symptoms"): "'Issues with code at runtime' (five errors, each 'from' its cause) and "
    "'Redefinitions with incompatible types' (an explanation, then the error in a code comment) are left out with "
    "warnings; 'Spurious errors and locally silencing the checker' (a how-to) is imported as a problem",
    ("mypy/common_issues.rst", "causes"): "the bold-paragraph causes of 'No errors reported for obviously wrong "
    "code' are merged into two causes, and the second starts at 'The reason is that ...', after the bold "
    "'One of the values involved has type Any'; 'Each name within a function only has a single declared type' is "
    "lost with its problem; 'Incompatible overrides' says 'It's unsafe ... as it violates the Liskov substitution "
    "principle' without a cue (does not say what causes this)",
    ("mypy/common_issues.rst", "codes"): "no message taken: the runtime errors are bullets of a section left out; "
    "'Incompatible types in assignment' and 'Incompatible return value type' are '# error:' comments in code "
    "blocks; whole code lines are taken as messages instead ('def foo(a) -> str: ...', 'import frobnicate ...')",
    ("opentelemetry/collector-troubleshooting.md", "causes"): "the bullet causes after 'but the most common are:', "
    "'for the following reasons:' (dropping, not receiving, not exporting data) and 'For example:' (not processing) "
    "are not read (does not say what causes this), though 'due to:' bullets are (exits or restarts); 'Null maps' "
    "explains 'even if the later value is null' without a cue",
    ("longhorn/troubleshooting-fstrim-error.md", "causes"): "the two '#### Case' headings under 'Troubleshooting "
    "steps' and '## Details' ('This is caused by a problem in old kernel SCSI driver') are not read as such: the "
    "causes are the section headings 'Applicable versions', 'Details' and 'Related information'",
    ("longhorn/troubleshooting-fstrim-error.md", "codes"): "the two 'unable to trim filesystem for volume ...' "
    "messages in code blocks under '## Symptoms' are not taken: no code at all",
    ("longhorn/troubleshooting-volume-readonly-or-io-error.md", "symptoms"): "the problem is named after the label "
    "heading 'Symptoms' instead of the title ('Troubleshooting: volume readonly or I/O error')",
    ("longhorn/troubleshooting-volume-readonly-or-io-error.md", "causes"): "the five numbered causes under '### Root "
    "causes' are not read; the causes are '### Automatic recovery' (a fix) and '### Other reasons'",
    ("longhorn/troubleshooting-volume-readonly-or-io-error.md", "codes"): "'can't create test: I/O error' (the last "
    "line of a block that starts with a prompt) and dmesg's 'Remounting filesystem read-only' are not taken; "
    "fragments are ('error 10', '-5', '/ # cd data')",
}


def cases(pages: list[dict], aspect: str) -> list:
    """One case per page; a known gap is a strict expected failure with its reason."""
    return [
        pytest.param(
            page,
            id=page["file"],
            marks=[pytest.mark.xfail(strict=True, reason=KNOWN_GAPS[page["file"], aspect])]
            if (page["file"], aspect) in KNOWN_GAPS
            else [],
        )
        for page in pages
    ]


@cache
def draft(file: str) -> Draft:
    return import_page(read_path(CORPUS / file), guide_id="corpus-page")


def words(text: str) -> str:
    """Text as a reader sees it: markup gone, case and spacing folded."""
    return " ".join(re.sub(r"[`*]|<[^>]+>", "", unescaped(text)).lower().split())


def missing(expected: list[str], found: list[str]) -> list[str]:
    texts = [words(text) for text in found]
    return [phrase for phrase in expected if not any(words(phrase) in text for text in texts)]


@pytest.mark.parametrize("entry", cases(IMPORTABLE, "imports"))
def test_page_imports(entry):
    assert draft(entry["file"]).status != "nothing", [str(warning) for warning in draft(entry["file"]).warnings]


@pytest.mark.parametrize("entry", cases(IMPORTABLE, "symptoms"))
def test_symptoms(entry):
    titles = [problem.title for problem in draft(entry["file"]).recognition.problems]
    assert missing(entry["symptoms"], titles) == [], titles


@pytest.mark.parametrize("entry", cases(IMPORTABLE, "causes"))
def test_causes(entry):
    causes = [cause.text for problem in draft(entry["file"]).recognition.problems for cause in problem.causes]
    assert missing(entry["causes"], causes) == [], [cause[:80] for cause in causes]


@pytest.mark.parametrize("entry", cases(IMPORTABLE, "codes"))
def test_codes_are_searchable(entry):
    nodes = draft(entry["file"]).guide.nodes.values()
    found = [text for node in nodes for text in [*node.codes, *node.phrases]]
    assert missing(entry["codes"], found) == [], found


SINGLE = [page for page in IMPORTABLE if page["single_cause"]]


@pytest.mark.parametrize("entry", cases(SINGLE, "single"))
def test_single_cause_needs_no_question(entry):
    guide = draft(entry["file"]).guide
    assert [node.id for node in guide.nodes.values() if node.kind == QUESTION and node.id != START] == []


@pytest.mark.parametrize("entry", cases(IMPORTABLE, "checks"))
def test_draft_checks(entry):
    _, errors = read_guide_text(draft(entry["file"]).markdown, "corpus-page.md")
    assert errors == []


@pytest.mark.parametrize("entry", cases(IMPORTABLE, "walks"))
def test_walk_reaches_a_resolution(entry):
    """Answer the first question with its first answer, then Yes: every draft ends on a resolution."""
    nodes = draft(entry["file"]).guide.nodes
    node = nodes[START]
    for _ in range(len(nodes)):
        if node.kind != QUESTION:
            break
        node = nodes[node.choices[0].target]
    assert node.kind == RESOLUTION


@pytest.mark.django_db
@pytest.mark.parametrize("entry", cases(IMPORTABLE, "loads"))
def test_draft_loads(entry):
    report = guides_load(guides=[draft(entry["file"]).guide], prune=False)
    assert report.changed


WITH_CODES = [page for page in IMPORTABLE if page["codes"]]


@pytest.mark.django_db
@pytest.mark.parametrize("entry", cases(WITH_CODES, "search"))
def test_search_finds_an_imported_code_first(entry, monkeypatch):
    """Published, every code the draft carries finds a node that carries it as the top result (codes match
    whatever their case: a page may write 0x80070BC9 in one section and 0x80070bc9 in another)."""
    # The index is cached by a fingerprint of ids and counts, which a rolled-back test can hand to the next.
    monkeypatch.setattr(index, "_cache", None)
    guide = dataclasses.replace(draft(entry["file"]).guide, draft=False)
    guides_load(guides=[guide], prune=False)
    carriers: dict[str, set[str]] = {}
    for node in guide.nodes.values():
        for code in node.codes:
            carriers.setdefault(code.upper(), set()).add(node.id)
    top = {code: [result.node_slug for result in search(code, limit=1)] for code in carriers}
    assert [code for code, nodes in carriers.items() if not set(top[code]) & nodes] == []


@pytest.mark.parametrize("entry", cases(NONE, "nothing"))
def test_nothing_importable(entry):
    assert draft(entry["file"]).status == "nothing"
