"""The built wheel runs: every data file ships with the module that loads it.

Builds the project's wheel, installs it into a fresh virtualenv that reuses this one's
dependencies (no download), and starts the text console from a directory outside the source
tree: it must load prompts, dial policy and directory from the installed package and greet.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
import time
from pathlib import Path

import pytest

from tests.support.harness import prompts

pexpect = pytest.importorskip("pexpect")

ROOT = Path(__file__).resolve().parent.parent
ANSI = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][A-Za-z0-9]|\r")
# Every module and data file of the four packages, subpackages included: the wheel must
# carry each one next to the module that loads it.
SHIPPED = sorted(
    str(path.relative_to(ROOT))
    for package in ("agents", "tools", "workflows", "prompts")
    for pattern in ("*.py", "*.yaml")
    for path in (ROOT / package).rglob(pattern)
)

pytestmark = pytest.mark.slow


def run(*args: str, cwd: Path) -> str:
    done = subprocess.run(args, cwd=cwd, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, f"{' '.join(args)} failed:\n{done.stdout}\n{done.stderr}"
    return done.stdout


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Path:
    """A fresh virtualenv with the wheel installed; this environment's packages behind it."""
    work = tmp_path_factory.mktemp("wheel")
    source = work / "source"  # a copy: no build/ left in the tree, none reused from before
    shutil.copytree(
        ROOT,
        source,
        ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "__pycache__", "tests"),
    )
    run(
        sys.executable,
        "-m",
        "pip",
        "wheel",
        "--quiet",
        "--no-deps",
        "--no-index",
        "--no-build-isolation",
        "-w",
        str(work / "dist"),
        str(source),
        cwd=work,
    )
    [wheel] = (work / "dist").glob("*.whl")
    venv = work / "venv"
    run(sys.executable, "-m", "venv", "--without-pip", str(venv), cwd=work)
    python = venv / "bin" / "python"
    site = Path(
        run(
            str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))", cwd=work
        ).strip()
    )
    # This environment's site-packages as a plain path: its dependencies are found, but its
    # .pth files (the editable install of the source tree) are not run.
    (site / "deps.pth").write_text(sysconfig.get_path("purelib") + "\n")
    run(
        sys.executable,
        "-m",
        "pip",
        "install",
        "--quiet",
        "--no-deps",
        "--no-index",
        "--target",
        str(site),
        str(wheel),
        cwd=work,
    )
    return python


def clean_env() -> dict[str, str]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LIVEKIT_", "SIP_", "AGENT_", "TELEPHONY", "PYTHON"))
    }
    env.update(TERM="xterm", COLUMNS="140")
    return env


def test_the_wheel_carries_every_module_and_data_file(installed, tmp_path):
    site = run(
        str(installed), "-c", "import workflows; print(workflows.__file__)", cwd=tmp_path
    ).strip()
    package_root = Path(site).parent.parent
    assert package_root.is_relative_to(installed.parent.parent), "imported the source tree"
    assert any(name.endswith("dial_policy.yaml") for name in SHIPPED)
    missing = [name for name in SHIPPED if not (package_root / name).is_file()]
    assert missing == []


def test_the_installed_provisioning_reads_its_own_description(installed, tmp_path):
    env = clean_env() | {"SIP_INBOUND_NUMBER": "+1 415 555 0100"}
    done = subprocess.run(
        [str(installed), "-m", "workflows.provision", "--export", "lk"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert (done.returncode, done.stderr) == (0, "")
    assert (tmp_path / "lk" / "dispatch-rule.json").is_file()


def test_the_installed_console_greets_from_another_directory(installed, tmp_path):
    child = pexpect.spawn(
        str(installed),
        ["-m", "workflows.main", "console", "--text"],
        cwd=str(tmp_path),
        env=clean_env(),
        dimensions=(60, 140),
        timeout=60,
    )
    greeting = prompts().receptionist.greeting
    seen = ""
    try:
        deadline = time.monotonic() + 60
        while greeting not in seen:
            assert child.isalive() and time.monotonic() < deadline, f"no greeting:\n{seen[-3000:]}"
            try:
                seen += ANSI.sub(
                    "", child.read_nonblocking(65536, timeout=0.2).decode("utf-8", "replace")
                )
            except pexpect.TIMEOUT:
                pass
            except pexpect.EOF:
                break
        assert greeting in seen, f"the installed console did not greet:\n{seen[-3000:]}"
    finally:
        child.terminate(force=True)
