"""What a server admin runs: the Dockerfile (built when a Docker daemon is reachable),
the compose file, the systemd unit (checked by systemd-analyze when present), and the
README's admin section and LLM example."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml

from bot.answering.llm_client import LLMSettings
from bot.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
UNIT = ROOT / "deploy" / "article-bot.service"
README = (ROOT / "README.md").read_text(encoding="utf-8")


def instructions(dockerfile: str) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) per instruction, continuation lines joined, comments dropped."""
    kept = "\n".join(line for line in dockerfile.splitlines() if not line.lstrip().startswith("#"))
    joined = re.sub(r"\\\n\s*", " ", kept)
    return [(line.split(None, 1)[0].upper(), line.split(None, 1)[1].strip()) for line in joined.splitlines()
            if line.strip()]


def test_the_dockerfile_bakes_cpu_torch_and_the_model_and_runs_unprivileged_with_a_data_volume() -> None:
    steps = instructions(DOCKERFILE)
    kinds = [kind for kind, _ in steps]
    runs = " ".join(args for kind, args in steps if kind == "RUN")
    pinned = (ROOT / "constraints.txt").read_text(encoding="utf-8").split()
    torch_pin = next(p for p in pinned if p.startswith("torch=="))
    assert f'--index-url https://download.pytorch.org/whl/cpu "{torch_pin}"' in runs  # CPU wheel, the pinned one
    assert "python -m index.embedding prepare" in runs  # the ONNX graph is made at build time, not at start
    assert kinds.index("USER") > max(i for i, k in enumerate(kinds) if k == "RUN"), "every RUN before USER"
    user = dict(steps)["USER"]
    assert user not in {"root", "0"} and "useradd --system --uid 10001 --user-group" in runs
    assert dict(steps)["VOLUME"] == '["/data"]' and "DATA_DIR=/data" in dict(steps)["ENV"]
    assert "HF_HUB_OFFLINE=1" in dict(steps)["ENV"] and "PIP_CONSTRAINT=/app/constraints.txt" in dict(steps)["ENV"]
    assert dict(steps)["ENTRYPOINT"] == '["python", "-m", "bot"]' and dict(steps)["CMD"] == '["run"]'
    for kind, args in steps:  # everything copied exists here
        if kind == "COPY":
            assert all((ROOT / src).exists() for src in args.split()[:-1]), args
    ignored = (ROOT / ".dockerignore").read_text(encoding="utf-8").split()
    assert {".venv", "data", ".env", ".git"} <= set(ignored)


def test_the_compose_file_builds_the_image_and_keeps_data_in_a_volume() -> None:
    compose = yaml.safe_load((ROOT / "compose.yaml").read_text(encoding="utf-8"))
    bot = compose["services"]["bot"]
    assert bot["build"] == "." and bot["env_file"] == ".env" and bot["environment"]["DATA_DIR"] == "/data"
    assert bot["volumes"] == ["bot-data:/data"] and "bot-data" in compose["volumes"]
    grace = Settings.from_env({}, dotenv=None).shutdown_grace
    assert int(bot["stop_grace_period"].rstrip("s")) > grace  # docker's SIGKILL comes after the bot's own grace
    assert compose["services"]["ollama"]["profiles"] == ["llm"]


def test_the_systemd_unit_restarts_on_failure_only() -> None:
    unit = UNIT.read_text(encoding="utf-8")
    settings = dict(line.split("=", 1) for line in unit.splitlines() if "=" in line and not line.startswith("#"))
    assert settings["Restart"] == "on-failure" and settings["RestartPreventExitStatus"] == "2"
    assert settings["ExecStart"] == "/opt/article-bot/.venv/bin/python -m bot run"
    assert settings["User"] != "root" and settings["KillSignal"] == "SIGTERM"
    assert int(settings["TimeoutStopSec"]) > Settings.from_env({}, dotenv=None).shutdown_grace


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze is not installed")
def test_systemd_accepts_the_unit(tmp_path: Path) -> None:
    """`systemd-analyze verify` on the unit, pointed at this checkout (it checks ExecStart exists)."""
    if not (ROOT / ".venv" / "bin" / "python").exists():
        pytest.skip("no .venv in this checkout")
    local = tmp_path / "article-bot.service"
    local.write_text(UNIT.read_text(encoding="utf-8").replace("/opt/article-bot", str(ROOT)), encoding="utf-8")
    done = subprocess.run(["systemd-analyze", "verify", "--man=no", str(local)], capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.returncode == 0 and "article-bot.service" not in done.stderr, done.stderr


def _docker_daemon() -> bool:
    if shutil.which("docker") is None:
        return False
    return subprocess.run(["docker", "info"], capture_output=True, timeout=30, check=False).returncode == 0


@pytest.mark.timeout(1800)
@pytest.mark.skipif(not _docker_daemon(), reason="no Docker daemon reachable here")
def test_the_image_builds_and_its_entry_point_runs() -> None:  # pragma: no cover (needs a daemon and the network)
    subprocess.run(["docker", "build", "-t", "article-bot:test", str(ROOT)], check=True, timeout=1700)
    done = subprocess.run(["docker", "run", "--rm", "article-bot:test", "run"], capture_output=True, text=True,
                          timeout=120, check=False)
    assert done.returncode == 2 and "DISCORD_TOKEN is not set" in done.stderr
    who = subprocess.run(["docker", "run", "--rm", "--entrypoint", "id", "article-bot:test", "-u"],
                         capture_output=True, text=True, timeout=60, check=True)
    assert who.stdout.strip() == "10001"


def test_the_readme_tells_an_admin_where_data_lives_and_how_to_run_update_and_size_it() -> None:
    admin = README.split("## Running it for a server", 1)[1].split("\n## ", 1)[0]
    for heading in ("### Where the data lives", "### As a service", "### Backups", "### Updating",
                    "### Disk and memory"):
        assert heading in admin
    assert "guild-SERVER_ID" in admin and "--guild" in admin and "DATA_DIR/collections/NAME/" in admin
    assert "docker compose up -d" in admin and "deploy/article-bot.service" in admin and "Restart=on-failure" in admin
    assert re.search(r"venv is about [\d.]+ GB", admin) and re.search(r"about \d+ MB resident", admin)


def test_the_readme_has_an_ollama_example_the_settings_accept() -> None:
    lines = dict(re.findall(r"^(LLM_BASE_URL|LLM_MODEL)=(\S+)", README, re.MULTILINE))
    assert lines["LLM_BASE_URL"] == "http://localhost:11434/v1" and lines["LLM_MODEL"]
    assert "ollama pull " + lines["LLM_MODEL"] in README
    llm = LLMSettings.from_env(lines)
    assert llm is not None and llm.base_url == lines["LLM_BASE_URL"] and llm.model == lines["LLM_MODEL"]


def test_ci_runs_ruff_and_mypy_configured_in_pyproject_before_the_suite() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.index("make lint") < ci.index("make test")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    lint = makefile.split("\nlint:", 1)[1].split("\n\n", 1)[0]
    assert "$(PY) -m ruff check ." in lint and "$(PY) -m mypy" in lint
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert "[tool.ruff]" in pyproject and "[tool.mypy]" in pyproject
    assert re.search(r'"ruff[<>=]', pyproject) and re.search(r'"mypy[<>=]', pyproject)


def test_the_readme_lists_every_console_and_bot_command_and_what_make_run_runs() -> None:
    """The console's commands (from its own table) appear in the README's console session,
    every `python -m bot` command among the command lines, and `make run`'s command is one."""
    from bot.cli import build_parser

    session = README.split("### In a terminal (no Discord needed)", 1)[1].split("\n### ", 1)[0]
    aliases = {"list", "ask"}  # /articles and typing the question stand for them
    shown = set(re.findall(r"(?:^> |\s)/([a-z]+)", session, re.MULTILINE))
    shown |= set(re.findall(r"\b(help|quit)\b", session))  # these work without the slash too
    console_commands = set(re.findall(r'"([a-z]+)": self\.', (ROOT / "bot" / "console.py").read_text("utf-8")))
    assert console_commands - aliases <= shown, console_commands - aliases - shown
    run = re.search(r"^run: .*\n\t\$\(PY\) -m bot (\w+)", (ROOT / "Makefile").read_text("utf-8"), re.MULTILINE)
    assert run is not None and f"`python -m bot {run.group(1)}`" in README
    parser = build_parser()
    choices = next(a for a in parser._actions if a.dest == "command").choices
    assert isinstance(choices, dict)
    subcommands = set(choices)
    lines = README.split("### Command lines", 1)[1].split("\n### ", 1)[0]
    listed = set(re.findall(r"^python -m bot (\w+)", lines, re.MULTILINE))
    bot_lines = "\n".join(line for line in lines.splitlines() if line.startswith("python -m bot"))
    listed |= set(re.findall(r"\| (\w+)", bot_lines))
    assert subcommands <= listed, subcommands - listed
    assert "source .venv/bin/activate" in README and "'#3'" in README
