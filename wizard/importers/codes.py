"""Error codes and error messages in a page's text, so search finds the node that explains them.

Codes are read from what describes a problem (its heading, symptom and causes), never from the steps, where
names of settings and variables would read as codes.
"""

from __future__ import annotations

import re
from itertools import takewhile

from .markup import ESCAPED, plain

HEX = re.compile(r"(?<![\w-])0x[0-9A-Fa-f]{4,16}\b")
SNAKE = re.compile(r"(?<![\w${.-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w/(-]|\.\w)")
# Exceptions by name: OutOfMemoryError, java.io.FileNotFoundException, SSLException, and .NET's capitalised
# namespaces: System.IO.FileNotFoundException.
EXCEPTION = re.compile(r"(?<![\w.])(?:[A-Za-z][A-Za-z0-9_]*\.)*[A-Z][A-Za-z0-9]+(?:Error|Exception)\b")
# A lower-case code set off as code or bold and named an error: "a **handshake_failure** error".
MARKED_CODE = re.compile(r"(?:\*\*|`)(?P<code>[a-z][a-z0-9]*(?:_[a-z0-9]+)+)(?:\*\*|`)\s+(?:error|alert|status)\b")
# The name of what is missing, when it is a name (an underscore or code formatting says so): "Missing sg_scan",
# "`sg_scan` file not found", "No module named `foo_bar`". Searchers type the name; "Missing credentials" names none.
NAME = r"(?:`[A-Za-z][\w./-]*+`|[A-Za-z](?=[\w./-]*_)[\w./-]*[A-Za-z0-9])"
MISSING = re.compile(
    rf"\b(?:missing|no such (?:file|command|module|package)|no module named|(?:cannot|can't|could not|unable to) find)"
    rf"\s+(?P<before>{NAME})(?![\w`])|(?<![\w`])(?P<after>{NAME})\s+(?:(?:file|command|module|package|executable) )?"
    r"(?:not found|is missing|missing)\b",
    re.IGNORECASE,
)
# An exception named at the head of a message shown as code or a quote, whatever its name ends with
# ("NoValidHost: No valid host was found.", "...: MacAddressInUseClient: Unable to complete operation"): at a line's
# start or after another part's colon, a CamelCase name, a colon and a sentence. Not in YAML, whose keys look alike.
SHOWN_EXCEPTION = re.compile(
    r"(?:^|:[ \t]+|^>[ \t]+(?:\*\*\w+:\*\*[ \t]+)?)(?P<code>[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+):[ \t]+[A-Z][a-z]*[ \t]",
    re.MULTILINE,
)
SHOWN = re.compile(r"^(`{3,}|~{3,})(?P<language>[\w+-]*)[^\n]*\n(?P<body>.*?)^\1|^>.*$", re.MULTILINE | re.DOTALL)
# An exception named by its module path before a colon, whatever its name ends with:
# "pkg_resources.DistributionNotFound: conda==3.6.1", "requests.exceptions.ConnectionError: ...".
QUALIFIED_EXCEPTION = re.compile(r"(?<![\w.])(?:[a-z_][a-z0-9_]*\.)+[A-Z][a-z0-9]+(?:[A-Z][a-z0-9]*)+(?=:\s)")
MISSING_WORDS = ("missing", "not found", "no such", "no module", "find")  # a cheap test before MISSING runs
# AADSTS50020, KB-style prefixes with letters only before four or more digits.
LETTERS_DIGITS = re.compile(r"(?<![\w-])[A-Z]{4,}\d{4,}\b")
# "Error code: 2732", "error 0x80070005", "exit code 137", "status 403", "Error ERR42".
NAMED = re.compile(
    r"\b(?P<name>(?:error|exit|status|return|result|reason|event)(?:\s+(?:code|id|number))?)\s*[:#=]?\s*`?"
    r"(?P<code>0x[0-9A-Fa-f]+|[A-Z]{0,8}-?\d{1,8}|[A-Z][A-Z0-9_]{3,}\d)\b`?",
    re.IGNORECASE,
)
# Quoted text holds no space inside either quotation mark: between two quotes ('Module "fs" has been externalized
# ... Cannot access "fs.readFile"') is prose.
QUOTED = re.compile(r"[\"\u201c](?P<text>(?=\S)[^\"\u201c\u201d\n]{6,200}?(?<=\S))[\"\u201d]")
# A code span opens after a space or punctuation and holds no space at either end: the text between two spans
# ("`Row` (its parent) can allocate to it ... the `Column`") is prose, whatever its words.
CODE_SPAN = re.compile(r"(?<![\w`])`(?P<text>[^`\s][^`\n]{4,198}[^`\s])`(?![\w`])")
# A code span is an error message (not a command or a path) when it reads like one.
MESSAGE_WORDS = re.compile(
    r"\b(error|errors|fail|failed|failure|denied|cannot|can't|couldn't|unable|not|invalid|refused|exception|"
    r"timeout|timed out|forbidden|unauthorized|unauthorised|missing|unknown|fatal|warning|no such|unsupported|"
    r"out of memory|unable|exceeded|conflict|corrupt|unavailable|no \w+ available)\b",
    re.IGNORECASE,
)
ERRORISH = re.compile(
    r"\b(error|errors|fail|fails|failed|failing|failure|cannot|can't|can not|couldn't|unable|won't|doesn't|"
    r"does not|isn't|not working|denied|timeout|timed out|invalid|missing|exception|refused|warning|crash|"
    r"crashes|crashing|stuck|hangs|slow|unexpected|not found|not supported|broken|lost|blocked|exceeded|could not|"
    r"not|stays|pending|conflict|unsupported|premature|still running|access denied|tampered|forbidden|"
    r"unauthori[sz]ed|rejected|has no|no such|no module named|too many|already in use|not permitted)\b|^my\s",
    re.IGNORECASE,
)


# A file named by an error code, as error indexes name their pages: E0499 (rustc), TS2304, CS0103, SC2086.
FILE_CODE = re.compile(r"[A-Z]{1,5}\d{3,6}")

# Names that look like codes but are not errors: registry roots and value types.
NOT_CODES = re.compile(r"^(?:HKEY|HKLM|HKCU|REG)_")


def codes_in(text: str) -> list[str]:
    """Error codes in some text, in the order they appear, each once."""
    # A Markdown escape is the character it escapes: `ERR\_PNPM\_TARBALL\_INTEGRITY` is ERR_PNPM_TARBALL_INTEGRITY.
    text = ESCAPED.sub(r"\1", text) if "\\" in text else text
    found: list[tuple[int, str]] = []
    for pattern in (HEX, SNAKE, LETTERS_DIGITS, EXCEPTION, QUALIFIED_EXCEPTION):
        found += [(match.start(), match[0]) for match in pattern.finditer(text) if not NOT_CODES.match(match[0])]
    found += [(match.start("code"), match["code"]) for match in MARKED_CODE.finditer(text)]
    if any(word in text.lower() for word in MISSING_WORDS):
        found += [(match.start(), (match["before"] or match["after"]).strip("`")) for match in MISSING.finditer(text)]
    for shown in SHOWN.finditer(text):
        if shown["language"] not in {"yaml", "yml", "json", "toml", "ini"}:
            body = shown["body"] if shown["body"] is not None else shown[0]
            found += [(shown.start() + match.start("code"), match["code"]) for match in SHOWN_EXCEPTION.finditer(body)]
    for match in NAMED.finditer(text):
        code = match["code"]
        if code.isdigit():
            # "error code 5", "exit code 137": a bare number is no code to search for; the words make it one.
            if len(code) == 1 and " " not in match["name"]:
                continue
            code = f"{' '.join(match['name'].lower().split())} {code}"
        found.append((match.start("code"), code))
    codes: list[str] = []
    for _, code in sorted(found):
        if code.lower() not in {known.lower() for known in codes}:
            codes.append(code)
    return codes


NAMED_ERRORS = re.compile(
    r"\b(?:errors?|messages?|warnings?|failures?) (?:such as|like|including|saying|that says|stating) `[^`\n]+`"
    r"(?:(?:,\s*|\s+(?:or|and)\s+)`[^`\n]+`)*",
    re.IGNORECASE,
)
LINK = re.compile(r"\[[^\]\n]*\]\([^)\s]*\)")
FENCED = re.compile(r"^(`{3,}|~{3,}).*?^\1", re.MULTILINE | re.DOTALL)


def phrases_in(text: str) -> list[str]:
    """Quoted error messages: text in quotation marks, and code spans that read as messages, each once. Quotes in
    a code block are code (`f(*task["args"], **task["kwargs"])`): a block shows a message only as a whole (see
    `message_lines`)."""
    # A link's text names the section it links to ('see [Why does API return "Node is locked"?](#node-locked)'),
    # not a message this text shows.
    text = LINK.sub("", FENCED.sub("", text))
    found = [(match.start(), match["text"].strip()) for match in QUOTED.finditer(text)]
    found += [
        (match.start(), match["text"].strip())
        for match in CODE_SPAN.finditer(text)
        if " " in match["text"].strip() and MESSAGE_WORDS.search(match["text"])
    ]
    # What a sentence names as errors is one, whatever its words: "Errors such as `early EOF`, `index-pack failed`",
    # "a message saying `You have reached your pull rate limit`".
    for named in NAMED_ERRORS.finditer(text):
        found += [(named.start() + span.start(), span["text"].strip()) for span in CODE_SPAN.finditer(named[0])]
    return unique_phrases([phrase for _, phrase in sorted(found)])


def unique_phrases(found: list[str]) -> list[str]:
    """Phrases of two words or more, or one word that is an error ("Forbidden"), each once (a trailing full stop
    does not make another phrase)."""
    phrases: list[str] = []
    seen: set[str] = set()
    for phrase in found:
        phrase = " ".join(phrase.split())
        key = phrase.rstrip(".").lower()
        if (len(phrase.split()) >= 2 or ERRORISH.fullmatch(key)) and key not in seen:
            seen.add(key)
            phrases.append(phrase)
    return phrases


# A sentence that announces the error message shown after it: "you may see an error like:", "the following error
# appears:", "this error might be thrown:", "you might find messages like these in your log files:", "you get the
# following error message when running Docker Desktop:" (not "one of the following conditions:").
ANNOUNCES_MESSAGE = re.compile(
    r"(?:\b(?:errors?|messages?|exceptions?|warnings?)(?: messages?)?"
    r"(?: (?:like|similar to|such as)\b[^.:]*"
    r"| (?:\w+ ){0,2}(?:be )?(?:thrown|shown|displayed|logged|returned|raised|printed)\b[^.:]*"
    r"| (?:appears?|is displayed|is shown|is returned|is logged|are displayed|are shown|occurs)"
    # "This error looks something like this when reported in the log output.:"
    r"| looks? (?:\w+ )?like (?:this|the following)\b[^:]*)?"
    # "Another variation of the error message is:"
    r"|\bmessages? (?:is|are|reads)"
    r"|\bthe following (?:errors?|messages?|exceptions?|warnings?)\b[^.]*)\s*:$",
    re.IGNORECASE,
)
# A dialog's caption above its message ("Error" / "An unexpected error has occurred.").
CAPTION = re.compile(r"^(?:error|warning|exception|fatal|alert|message)s?:?$", re.IGNORECASE)
# The time a log line starts with ("2024-06-04T09:25:37.772406+00:00", "Aug 21 01:48:00") is not the message.
LOG_TIME = re.compile(
    r"^(?:\d{4}-\d{2}-\d{2}[T ][\d:.,]+(?:Z|[+-]\d{2}:?\d{2})?|[A-Z][a-z]{2} +\d{1,2} \d{2}:\d{2}:\d{2})\s+"
)
# A callout's bold label ("**Note**:", "**Tip:**", "__Important__"): an aside of the page, in a quote.
CALLOUT = re.compile(r"^(\*\*|__)(?:note|tip|hint|important|caution|warning|info|remember)\b:?\1?:?", re.IGNORECASE)
# A shell's prompt (`$`, root's `#`, PowerShell's, cmd's) or a REPL's (`>>>`, `...`, Node's `>`, IPython's
# `In [1]:`): the line is what the user typed, never the message.
PROMPT = re.compile(r"^(?:\$|#|>>>|\.\.\.|>|In \[\d*\]:|PS [^>]{0,200}>|[A-Z]:\\[^>]{0,200}>)(?:\s|$)")


# The name a message starts with ("ReferenceError:", "TypeError:"), shared by variants of one message.
VARIANT = re.compile(r"^[A-Z][A-Za-z]*(?:Error|Exception|Warning):")


def _variant(line: str) -> str:
    found = VARIANT.match(line)
    return found[0] if found else line


# Code blocks of a shell's commands: without a prompt, each line is a command to type ("supervisorctl status").
# A command with options, in any block: `chmod -R o+rX .`, `vite build --profile`.
COMMAND_LINE = re.compile(r"^[a-z][\w.-]*(?: [^\s-][^\s]*)* --?[A-Za-z]")
SHELLS = {"bash", "sh", "shell", "zsh", "fish", "powershell", "pwsh", "ps1", "cmd", "bat", "batch"}


def shown_lines(text: str, language: str) -> list[str]:
    """The message a code block shows: none when it is a shell script of commands (no prompt, nothing that reads as
    an error), else `message_lines`."""
    first = next((line.strip() for line in text.split("\n") if line.strip()), "")
    if MESSAGE_WORDS.search(first):
        return message_lines(text)
    if (language.lower() in SHELLS and not PROMPT.match(first)) or COMMAND_LINE.match(first):
        return []
    return message_lines(text)


def message_lines(text: str) -> list[str]:
    """An error message shown as a code block or a quote: its first line, when it is short enough to be one.

    A caption above it ("Error"), the command of a shell transcript (`$ docker run ...`) and the time a log line
    starts with are not the message;
    a next line that starts in lower case continues a message wrapped over lines; tab-separated columns are a
    trace or a table, not a message."""
    if "\t" in text:
        return []
    lines = [" ".join(line.split()) for line in text.strip().split("\n") if line.strip()]
    typed = False
    if lines and CALLOUT.match(lines[0]):
        return []  # "> **Note**: If you're on Windows, ...": the page's aside, not what a program printed
    while lines and (CAPTION.match(lines[0]) or PROMPT.match(lines[0])):
        typed = typed or bool(PROMPT.match(lines[0]))
        lines = lines[1:]
    if typed:
        # A transcript: what a command printed is a message only up to the next command and only when it reads as
        # one ("Listing queues ..." or "Available kernels:" is output, not an error).
        lines = list(takewhile(lambda line: not PROMPT.match(line), lines))
        if not lines or not MESSAGE_WORDS.search(lines[0]):
            return []
    entries = [bool(LOG_TIME.match(line)) for line in lines]  # a line of its own in a log, never a continuation
    lines = [LOG_TIME.sub("", line) for line in lines]
    if not lines or len(lines) > 4 or len(lines[0]) > 200 or " " not in lines[0]:
        return []
    if len(lines) > 1 and len({_variant(line) for line in lines}) == 1:
        # The same message as each engine words it ("ReferenceError: x is not defined" / "ReferenceError: Can't
        # find variable: x"): every line is one.
        return [line for line in lines if len(line) <= 200]
    message = lines[0]
    for line, entry in zip(lines[1:], entries[1:], strict=True):
        if entry or not line[0].islower() or line.startswith("at ") or len(message) + len(line) > 300:
            break
        message += " " + line
    return [message]


# Headings about errors in general ("Link error codes", "Errors in the Link flow"), not one error.
TOPIC = re.compile(
    r"\berrors? (?:codes|messages|reference|handling|types|list)\b|^(?:common |other |more |known )?"
    r"(?:errors|issues|problems)\b|^(?:errors|issues|problems) (?:in|with|during|and)\b",
    re.IGNORECASE,
)


# A closed question asks about a fact or an option ("Is it safe to run X as root?", "Does it work on FreeBSD?",
# "Isn't using pickle a security concern?"), not about a failure; a negated "Can't ..." or "Doesn't ..." reports one.
CLOSED_QUESTION = re.compile(
    r"^(?:is|are|isn't|aren't|can|could|does|do|did|should|will|would|may|must|has|have)\s[^?]*\?$", re.IGNORECASE
)


def closed_question(title: str) -> bool:
    """A heading that asks a yes-or-no question and names no error code or message: an FAQ entry, not a problem."""
    if not CLOSED_QUESTION.match(plain(title).strip()) or codes_in(title):
        return False
    # Quoted words that read as no error ('Are "cold storages" supported?') are a topic, not a message.
    return not any(MESSAGE_WORDS.search(phrase) for phrase in phrases_in(title))


def looks_like_an_error(title: str) -> bool:
    """A heading that is an error message or names a failure (GitLab's troubleshooting topics)."""
    words = plain(title)
    if TOPIC.search(words) and not codes_in(title):
        return False
    return bool(codes_in(title) or phrases_in(title) or "`" in title or ERRORISH.search(words))
