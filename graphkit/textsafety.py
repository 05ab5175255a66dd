"""Characters of the data that can break a file or fool a reader.

Three kinds, each with its rule:

- **control characters** (C0 and C1 controls other than tab and line ends,
  lone surrogates, the non-characters U+FFFE and U+FFFF): no XML file
  (GraphML, GEXF, a workbook) can hold them and a terminal obeys them; the
  reader refuses them, or with ``--lenient`` removes them and says where;
- **bidirectional controls** (U+202A..U+202E, U+2066..U+2069, U+200E,
  U+200F, U+061C): they can reverse the text that follows them ("80" shown
  "08"); they are flagged, and every page isolates a value from the data
  in ``<bdi>`` or with :func:`isolate`;
- **invisible and lookalike characters** (zero width spaces and joiners,
  soft hyphens, a word mixing Latin with Cyrillic or Greek letters): they
  make two names look the same; they are flagged.

>>> controls("a\\x0bb")
[(2, '\\x0b')]
>>> clean_controls("a\\x0bb\\x01")
'a b'
>>> terminal_safe("\\x1b[31mred")
'\\\\u001b[31mred'
"""
from __future__ import annotations

import re
import unicodedata

CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
                     "\ud800-\udfff\ufffe\uffff]")
#: controls that stand for a line or paragraph break (Word's and Excel's
#: manual line break is U+000B): replaced by a space, the others removed
_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x1f\x85"
BIDI = re.compile("[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]")
INVISIBLE = re.compile("[\u200b-\u200d\u2060-\u2064\ufeff\u00ad\u180e"
                       "\u034f\u115f\u1160\u3164\uffa0]")
_TERMINAL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e"
                       "\u2066-\u2069\u200e\u200f\u061c"
                       "\ud800-\udfff]")
_SCRIPTS = ("LATIN", "CYRILLIC", "GREEK")


def controls(text: str) -> list[tuple[int, str]]:
    """(position counted from 1, character) of every control character."""
    return [(m.start() + 1, m.group()) for m in CONTROL.finditer(text)]


def clean_controls(text: str) -> str:
    """``text`` without its control characters (a break becomes a space)."""
    return CONTROL.sub(lambda m: " " if m.group() in _BREAKS else "",
                       text).strip()


def codepoint(ch: str) -> str:
    """'U+202E (RIGHT-TO-LEFT OVERRIDE)'."""
    name = unicodedata.name(ch, "")
    return f"U+{ord(ch):04X}" + (f" ({name})" if name else "")


def terminal_safe(text) -> str:
    """``text`` with control and bidirectional characters written as
    escapes (``\\u001b``, ``\\u202e``, also valid in JSON text): what a
    terminal shows, not obeys. Line ends and tabs stay."""
    text = str(text)
    if not _TERMINAL.search(text):
        return text
    return _TERMINAL.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


FSI, PDI = "\u2068", "\u2069"
_ISOLATES = re.compile("[\u2066-\u2069]")


def isolate(text: str) -> str:
    """``text`` between FIRST STRONG ISOLATE and POP DIRECTIONAL ISOLATE
    when it holds bidirectional controls, so that whatever they open ends
    with it (an unclosed U+202E no longer reverses the sentence after the
    name). Isolates inside ``text`` are dropped: a stray one would close
    the wrapper early. :func:`bdi_html` turns the pair into ``<bdi>``.

    >>> isolate("a\u202eb") == FSI + "a\u202eb" + PDI
    True
    >>> isolate("plain")
    'plain'
    """
    if not BIDI.search(text):
        return text
    return FSI + _ISOLATES.sub("", text) + PDI


def bdi_html(html: str) -> str:
    """Escaped HTML with each FSI..PDI pair of :func:`isolate` as
    ``<bdi>..</bdi>`` (left as the characters when they do not pair up).

    >>> bdi_html(isolate("x\u202ey") + " has 80")
    '<bdi>x\u202ey</bdi> has 80'
    """
    if FSI not in html:
        return html
    depth = 0
    for ch in html:
        depth += (ch == FSI) - (ch == PDI)
        if depth < 0 or depth > 1:
            return html
    if depth:
        return html
    return html.replace(FSI, "<bdi>").replace(PDI, "</bdi>")


def mixed_scripts(text: str) -> tuple[str, ...]:
    """The scripts (Latin, Cyrillic, Greek) mixed inside one word of
    ``text``, the mark of a lookalike ('Pоle' with a Cyrillic 'о'); () when
    no word mixes them."""
    for word in re.findall(r"\w+", text):
        found = set()
        for ch in word:
            if ch.isalpha():
                script = unicodedata.name(ch, "").split(" ")[0]
                if script in _SCRIPTS:
                    found.add(script)
        if len(found) > 1:
            return tuple(s for s in _SCRIPTS if s in found)
    return ()


def lookalike_key(text: str) -> str:
    """What ``text`` looks like: compatibility form, case folded, invisible
    and bidirectional characters dropped."""
    text = INVISIBLE.sub("", BIDI.sub("", text))
    return unicodedata.normalize("NFKC", text).casefold().strip()


def warnings_for(text: str) -> list[str]:
    """Why ``text`` may fool a reader (empty when it cannot)."""
    out = []
    bidi = BIDI.findall(text)
    if bidi:
        out.append(f"holds the bidirectional control {codepoint(bidi[0])}, "
                   f"which can reverse the text shown after it")
    hidden = INVISIBLE.findall(text)
    if hidden:
        out.append(f"holds the invisible character {codepoint(hidden[0])}, "
                   f"which makes a lookalike of another text")
    scripts = mixed_scripts(text)
    if scripts:
        out.append(f"mixes {' and '.join(s.title() for s in scripts)} "
                   f"letters in one word (a lookalike?)")
    return out
