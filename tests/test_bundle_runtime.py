"""A frozen build finds its bundled PortAudio; nothing changes when not frozen."""

from __future__ import annotations

import ctypes.util
import sys

from pacer import bundle_runtime


def _fake_bundle(tmp_path, relative):
    library = tmp_path / relative
    library.parent.mkdir(parents=True, exist_ok=True)
    library.write_bytes(b"\x7fELF")
    return library


def test_bundled_library_is_found_in_each_layout(tmp_path):
    assert bundle_runtime.bundled_portaudio(tmp_path) is None
    wheel_copy = _fake_bundle(tmp_path, "_sounddevice_data/portaudio-binaries/libportaudio.dylib")
    assert bundle_runtime.bundled_portaudio(tmp_path) == wheel_copy
    system_copy = _fake_bundle(tmp_path, "libportaudio.so.2")
    assert bundle_runtime.bundled_portaudio(tmp_path) == system_copy


def test_frozen_start_answers_the_portaudio_lookup_with_the_bundled_file(tmp_path, monkeypatch):
    monkeypatch.setattr(ctypes.util, "find_library", ctypes.util.find_library)  # restored after
    library = _fake_bundle(tmp_path, "libportaudio.so.2")
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    bundle_runtime.prepare_frozen_runtime()
    assert ctypes.util.find_library("portaudio") == str(library)
    assert ctypes.util.find_library("c") is not None  # other lookups still work


def test_not_frozen_leaves_the_lookup_alone(tmp_path, monkeypatch):
    original = ctypes.util.find_library
    monkeypatch.setattr(ctypes.util, "find_library", original)
    _fake_bundle(tmp_path, "libportaudio.so.2")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    monkeypatch.delattr(sys, "frozen", raising=False)
    bundle_runtime.prepare_frozen_runtime()
    assert ctypes.util.find_library is original


def test_self_check_reports_everything_present_and_names_what_is_missing(monkeypatch, capsys):
    sound_installed = ctypes.util.find_library("portaudio") is not None
    status = bundle_runtime.self_check()
    out = capsys.readouterr().out
    assert "asset icons/pacer.svg: present" in out
    if sound_installed:
        assert status == 0
        assert out.strip().endswith("self-check: all present")

    monkeypatch.setattr(bundle_runtime, "LAZY_IMPORTS", ("pacer_no_such_library",))
    assert bundle_runtime.self_check() == 1
    assert "missing ['pacer_no_such_library']" in capsys.readouterr().out
