"""Running the command line in-process: what a refused option says, and how it exits."""

from __future__ import annotations

import pytest

from pacer.cli import main


def exit_code_and_error(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    with pytest.raises(SystemExit) as exit_info:
        main(argv)
    return exit_info.value.code, capsys.readouterr().err
