"""The Qt-free settings reader agrees with QSettings, value for value.

Files written by QSettings itself (as the window writes them) and files edited by hand
are read both ways; every key and value must match what ``QSettings.value`` gives.
"""

from __future__ import annotations

import random

import pytest
from PySide6.QtCore import QSettings

from pacer.core.qsettings_ini import read_group, read_ini

# (Not U+FEFF: QSettings itself drops it when writing.)
TRICKY = "abcXYZ 019 \t\n\r\"\\,;=%@[]#/?'\x00\x01\x1f\x7féßøÆ日本語🌙\u2028·–—…"


def qt_group(path, group):
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    settings.beginGroup(group)
    values = {key: settings.value(key) for key in settings.childKeys() if key}
    settings.endGroup()
    return values


def random_text(rng: random.Random) -> str:
    text = "".join(rng.choice(TRICKY) for _ in range(rng.randint(0, 14)))
    return ("@" + text) if rng.random() < 0.15 else text


def test_strings_written_by_qsettings_read_back_identically(tmp_path):
    rng = random.Random(20260301)
    path = tmp_path / "settings.ini"
    written = {f"key{n}": random_text(rng) for n in range(400)}
    written |= {"pattern": "custom:Évening, slow; “quiet” = 4\\6", "session_minutes": "open"}
    settings = QSettings(str(path), QSettings.Format.IniFormat)
    settings.beginGroup("preferences")
    for key, value in written.items():
        settings.setValue(key, value)
    settings.endGroup()
    settings.setValue("top", "level")
    settings.sync()
    del settings
    assert read_group(path, "preferences") == qt_group(path, "preferences") == written
    assert read_ini(path)["top"] == "level"


HAND_WRITTEN = [
    "[preferences]\npattern=preset:gentle\nsession_minutes = 15 \n",
    "\ufeff[preferences]\r\npattern=custom:Night\r\nsound=true\r\n",
    "; a comment\n[Preferences]\npattern=x\n[preferences]\n  pattern =  spaced out  \n",
    '[preferences]\npattern="  kept  " \nnote=a "quoted" word\n',
    '[preferences]\nlist=a, b ,c\nquoted_list="a, b", c\nempty=\n',
    "[preferences]\nsemi=before;after\nhash=#not a comment\n;pattern=commented\n",
    "[preferences]\nhex=\\x41\\x42C\\x263a\nocta=\\101\\102\nunknown=\\q\\z\n",
    '[preferences]\ncontinued=one\\\ntwo\nkept_newline="line\nnext"\n',
    "[preferences]\nat=@@twice\nstring=@String(text, here)\ninvalid=@Invalid()\n",
    # (Not "preferences/x=" in [General]: QSettings' childKeys finds such an entry only
    # sometimes, though value() always does. QSettings never writes one.)
    "[General]\ntop=1\n[preferences]\nsound=false\n[%General]\npattern=not ours\n",
    "[preferences]\npattern=first\npattern=second\nsub/key=not a child\n",
    "[pref%65rences]\npattern=escaped section\nk%65y=escaped key\n",
    "[preferences]\ntrailing=ends with a backslash \\",
    "[preferences]\ntabs=\ta\tb\t\t\nno_equals_line\nz=last",
    "[preferences]\nutf8=h\xe9llo w\xf6rld \U0001f319\n",
]


@pytest.mark.parametrize("text", HAND_WRITTEN)
def test_hand_edited_files_read_as_qsettings_reads_them(tmp_path, text):
    path = tmp_path / "settings.ini"
    path.write_bytes(text.encode("utf-8"))
    assert read_group(path, "preferences") == qt_group(path, "preferences")


def test_random_hand_edits_read_as_qsettings_reads_them(tmp_path):
    rng = random.Random(7)
    alphabet = 'ab =;,"\\\t\n\rx0@[]%éS()U41+\x00🌙'
    for n in range(800):
        path = tmp_path / f"settings-{n}.ini"  # a new name each time: QSettings caches files
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        path.write_bytes(f"[preferences]\n{text}=1\nk={text}\nlast=1\n".encode())
        assert read_group(path, "preferences") == qt_group(path, "preferences"), text
